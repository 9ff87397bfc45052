/** Decoding the address field of a Media Error Record (CXL r3.1 §8.2.9.9.4.1). */

/** Media Error Record source values (address bits 2:0). */
export const CXLMI_POISON_SOURCE_UNKNOWN = 0;
export const CXLMI_POISON_SOURCE_EXTERNAL = 1;
export const CXLMI_POISON_SOURCE_INTERNAL = 2;
export const CXLMI_POISON_SOURCE_INJECTED = 3;
export const CXLMI_POISON_SOURCE_VENDOR = 7;

/** DPA of a media error record's address field (bits 63:6). */
export function mediaErrorDpa(addr: bigint): bigint {
  return addr & ~0x3fn;
}

/** Source of a media error record's address field (bits 2:0). */
export function mediaErrorSource(addr: bigint): number {
  return Number(addr & 0x7n);
}
