/** Emulator side of SLD QoS Telemetry (47h). */
import { getSldQosControl, getSldQosStatus, setSldQosControl } from '../../../commands/memdev/sld-qos.js';
import type { EmulatedDevice } from '../../device.js';
import type { MemdevState } from '../memdev-state.js';

export function registerSldQos(device: EmulatedDevice, s: MemdevState): void {
  device.handle(getSldQosControl, () => ({ ...s.qos.control }));
  device.handle(setSldQosControl, (req) => s.qos.set(req));
  device.handle(getSldQosStatus, () => ({ backpressure_avg_percentage: s.qos.backpressureAverage }));
}
