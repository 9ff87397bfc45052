/**
 * Names for the coded values of Get Health Info (CXL r3.1 §8.2.9.9.3.1): the Media Status byte,
 * the warning levels in Additional Status, and the "not implemented" markers.
 */

/** Media Status values. */
export const MEDIA_STATUS: Readonly<Record<number, string>> = {
  0: 'Normal',
  1: 'Not Ready',
  2: 'Write Persistency Lost',
  3: 'All Data Lost',
  4: 'Write Persistency Loss in the Event of Power Loss',
  5: 'Write Persistency Loss in the Event of Shutdown',
  6: 'Write Persistency Loss Imminent',
  7: 'All Data Loss in the Event of Power Loss',
  8: 'All Data Loss in the Event of Shutdown',
  9: 'All Data Loss Imminent',
};

/** Additional Status levels for life used and temperature (two-bit fields). */
export const HEALTH_LEVEL: readonly string[] = ['Normal', 'Warning', 'Critical', 'Reserved'];

/** `life_used` value of a device that does not report it. */
export const LIFE_USED_NOT_IMPLEMENTED = 0xff;
/** `device_temperature` (signed) of a device that does not report it: FFFFh. */
export const TEMPERATURE_NOT_IMPLEMENTED = -1;

export function mediaStatusName(status: number): string {
  return MEDIA_STATUS[status] ?? `Reserved (0x${status.toString(16).padStart(2, '0')})`;
}
