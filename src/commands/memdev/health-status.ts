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
/**
 * `device_temperature` of a device that does not report it: 7FFFh (CXL r3.1 Table 8-133; ndctl's
 * libcxl tests the same value). FFFFh is a real reading, -1 °C.
 */
export const TEMPERATURE_NOT_IMPLEMENTED = 0x7fff;

/** The temperature in °C a Get Health Info response reports, or undefined when not implemented. */
export function deviceTemperature(h: { device_temperature: number }): number | undefined {
  return h.device_temperature === TEMPERATURE_NOT_IMPLEMENTED ? undefined : h.device_temperature;
}

/** The life used in percent a Get Health Info response reports, or undefined when not implemented. */
export function lifeUsed(h: { life_used: number }): number | undefined {
  return h.life_used === LIFE_USED_NOT_IMPLEMENTED ? undefined : h.life_used;
}

export function mediaStatusName(status: number): string {
  return MEDIA_STATUS[status] ?? `Reserved (0x${status.toString(16).padStart(2, '0')})`;
}
