/** Request Abort Background Operation (CXL r3.1 §8.2.9.1.5) on the device's background operation. */
import { requestBgOpAbort } from '../../commands/generic/info-status.js';
import type { EmulatedDevice } from '../device.js';

export function registerBackgroundAbort(device: EmulatedDevice): void {
  device.handle(requestBgOpAbort, () => {
    device.background.abort();
  });
}
