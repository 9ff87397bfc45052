/**
 * The Device Patrol Scrub Control feature (CXL r3.1 §8.2.9.9.11.1) as the emulator offers it:
 * readable attributes scrub cycle capabilities (u8), scrub cycle (u16: bits 7:0 current hours,
 * 15:8 minimum hours) and flags (u8, bit 0 enabled); writable attributes cycle hours (u8) and
 * flags (u8).
 */
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import type { EmulatedFeature } from './feature-store.js';

export const PATROL_SCRUB_FEATURE_UUID = '96dad7d6-fde8-482b-a733-75774e06db8a';

export function patrolScrubFeature(): EmulatedFeature {
  // cycle capabilities: bit0 cycle changeable, bit1 realtime report; current 12 h, minimum 1 h; disabled.
  const defaults = Uint8Array.of(0x03, 12, 1, 0x00);
  return {
    uuid: PATROL_SCRUB_FEATURE_UUID,
    getVersion: 1,
    setVersion: 1,
    effects: (1 << 1) | (1 << 9), // immediate configuration change, CEL[11:10] valid
    setSize: 2,
    defaultSelection: true,
    savedSelection: true,
    resetPersistence: 4,
    defaults,
    apply(current, writable) {
      const hours = writable[0] as number;
      const flags = writable[1] as number;
      const min = current[2] as number;
      if (hours < min || (flags & 0xfe) !== 0) throw new DeviceReturn(CXLMI_RET_INPUT);
      const next = new Uint8Array(current);
      next[1] = hours;
      next[3] = flags & 1;
      return next;
    },
  };
}
