/** Emulator side of Health Information and Alerts (42h). */
import {
  getAlertConfig,
  getHealthInfo,
  getShutdownState,
  setAlertConfig,
  setShutdownState,
} from '../../../commands/memdev/health.js';
import type { EmulatedDevice } from '../../device.js';
import type { MemdevState } from '../memdev-state.js';

export function registerHealth(device: EmulatedDevice, s: MemdevState): void {
  device.handle(getHealthInfo, () => s.health.snapshot());
  device.handle(getAlertConfig, () => s.health.getAlertConfig());
  device.handle(setAlertConfig, (req) => s.health.setAlertConfig(req));
  device.handle(getShutdownState, () => ({ state: s.health.shutdownDirty ? 1 : 0 }));
  device.handle(setShutdownState, (req) => {
    s.health.shutdownDirty = req.state_bits.dirty;
  });
}
