/** A device runs one background operation at a time (CXL r3.1 §8.2.8.4.6). */
import { CXLMI_RET_BUSY } from '../../../protocol/retcodes.js';
import type { EmulatedDevice } from '../../device.js';
import { DeviceReturn } from '../../device-return.js';

/** Throws Busy before a background command changes any state. */
export function requireIdle(device: EmulatedDevice): void {
  if (device.background.running) throw new DeviceReturn(CXLMI_RET_BUSY);
}
