/** Emulator side of Information and Status (0x00): Identify and Background Operation Status. */
import { bgOpStatus, identify } from '../../commands/generic/info-status.js';
import type { InferIn } from '../../protocol/layout/index.js';
import type { EmulatedDevice } from '../device.js';

export type Identity = InferIn<typeof identify.response>;

export function registerInfoStatus(device: EmulatedDevice, identity: () => Identity): void {
  device.handle(identify, () => identity());
  device.handle(bgOpStatus, () => {
    const s = device.background.status();
    return {
      status: (s.inProgress ? 1 : 0) | (s.percent << 1),
      opcode: s.opcode,
      returncode: s.retcode,
      vendor_ext_status: s.vendorStatus,
    };
  });
}
