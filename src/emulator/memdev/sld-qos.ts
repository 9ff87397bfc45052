/** SLD QoS Telemetry (CXL r3.1 8.2.9.9.8): control values and the backpressure status. */
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

export interface SldQosControl {
  qos_telemetry_control: number;
  egress_moderate_percentage: number;
  egress_severe_percentage: number;
  backpressure_sample_interval: number;
}

/** QoS Telemetry Control bits: 0 egress port congestion, 1 temporary throughput reduction. */
const CONTROL_BITS = 0x03;

export class SldQosState {
  control: SldQosControl = {
    qos_telemetry_control: 0,
    egress_moderate_percentage: 10,
    egress_severe_percentage: 25,
    backpressure_sample_interval: 8,
  };
  /** Backpressure Average Percentage reported by Get SLD QoS Status; set by the emulator. */
  backpressureAverage = 0;

  set(c: SldQosControl): void {
    const pct = (v: number) => v >= 1 && v <= 100;
    if (
      (c.qos_telemetry_control & ~CONTROL_BITS) !== 0 ||
      !pct(c.egress_moderate_percentage) ||
      !pct(c.egress_severe_percentage) ||
      c.backpressure_sample_interval > 15
    ) {
      throw new DeviceReturn(CXLMI_RET_INPUT);
    }
    this.control = { ...c };
  }
}
