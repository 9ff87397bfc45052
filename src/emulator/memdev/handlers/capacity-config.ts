/** Emulator side of Capacity Configuration and Label Storage (41h). */
import {
  getLsa,
  getPartitionInfo,
  setLsa,
  setPartitionInfo,
} from '../../../commands/memdev/capacity-config.js';
import { CXLMI_RET_INPUT } from '../../../protocol/retcodes.js';
import type { EmulatedDevice } from '../../device.js';
import { DeviceReturn } from '../../device-return.js';
import type { MemdevState } from '../memdev-state.js';

export function registerCapacityConfig(
  device: EmulatedDevice,
  s: MemdevState,
  payloadLimit: () => number,
): void {
  device.handle(getPartitionInfo, () => {
    s.requireMedia();
    return s.partition.info();
  });
  device.handle(setPartitionInfo, (req) => {
    s.requireMedia();
    s.requireUnlocked();
    s.partition.set(req.volatile_capacity, req.flags_bits.immediate);
  });
  device.handle(getLsa, (req) => {
    s.requireMedia();
    if (req.length > payloadLimit()) throw new DeviceReturn(CXLMI_RET_INPUT);
    return { data: s.lsa.read(req.offset, req.length) };
  });
  device.handle(setLsa, (req) => {
    s.requireMedia();
    s.lsa.write(req.offset, req.data);
  });
}
