/** SLD QoS Telemetry command set (0x47), CXL r3.1 §8.2.9.9.8. */
import { bitfield, struct, u8 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

const control = {
  qos_telemetry_control: bitfield(u8, {
    egress_port_congestion_enable: 0,
    temporary_throughput_reduction_enable: 1,
  }),
  /** 1–100. */
  egress_moderate_percentage: u8,
  /** 1–100. */
  egress_severe_percentage: u8,
  /** 0 disables sampling; 1–15. */
  backpressure_sample_interval: u8,
};

/** Get SLD QoS Control output payload (§8.2.9.9.8.1). */
export const getSldQosControlRsp = struct('cxlmi_cmd_memdev_get_sld_qos_control_rsp', control);

export const getSldQosControl = defineCommand({
  name: 'memdev_get_sld_qos_control',
  method: 'getSldQosControl',
  opcode: 0x4700,
  set: 'memdev',
  title: 'Get SLD QoS Control',
  spec: '8.2.9.9.8.1',
  request: null,
  response: getSldQosControlRsp,
});

/** Set SLD QoS Control input payload (§8.2.9.9.8.2), same layout. */
export const setSldQosControlReq = struct('cxlmi_cmd_memdev_set_sld_qos_control_req', control);

export const setSldQosControl = defineCommand({
  name: 'memdev_set_sld_qos_control',
  method: 'setSldQosControl',
  opcode: 0x4701,
  set: 'memdev',
  title: 'Set SLD QoS Control',
  spec: '8.2.9.9.8.2',
  request: setSldQosControlReq,
  response: null,
});

/** Get SLD QoS Status output payload (§8.2.9.9.8.3). */
export const getSldQosStatusRsp = struct('cxlmi_cmd_memdev_get_sld_qos_status_rsp', {
  backpressure_avg_percentage: u8,
});

export const getSldQosStatus = defineCommand({
  name: 'memdev_get_sld_qos_status',
  method: 'getSldQosStatus',
  opcode: 0x4702,
  set: 'memdev',
  title: 'Get SLD QoS Status',
  spec: '8.2.9.9.8.3',
  request: null,
  response: getSldQosStatusRsp,
});
