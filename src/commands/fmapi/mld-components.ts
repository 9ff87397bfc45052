/** MLD Components command set (0x54), CXL r3.1 §7.6.7.4. Field names as libcxlmi's. */
import { bitfield, bytes, reserved, struct, u8, u16, u64, varArray } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

/** Get LD Info output payload, CXL r3.1 Table 7-37. */
export const getLdInfoRsp = struct('cxlmi_cmd_fmapi_get_ld_info_rsp', {
  memory_size: u64,
  ld_count: u16,
  qos_telemetry_capability: bitfield(u8, { egress_port_congestion: 0, temporary_throughput_reduction: 1 }),
});

export const getLdInfo = defineCommand({
  name: 'fmapi_get_ld_info',
  method: 'getLdInfo',
  opcode: 0x5400,
  set: 'fmapi',
  title: 'Get LD Info',
  spec: '7.6.7.4.1',
  request: null,
  response: getLdInfoRsp,
});

/** One LD's allocation: two ranges, in multiples of the memory granularity (CXL r3.1 Table 7-40). */
export const ldAllocation = struct('cxlmi_cmd_fmapi_ld_allocations_list', {
  range_1_allocation_mult: u64,
  range_2_allocation_mult: u64,
});

/** Get LD Allocations, CXL r3.1 Tables 7-38/7-39. memory_granularity: 0 256 MiB, 1 512 MiB, 2 1 GiB. */
export const getLdAllocationsReq = struct('cxlmi_cmd_fmapi_get_ld_allocations_req', {
  start_ld_id: u8,
  ld_allocation_list_limit: u8,
});
export const getLdAllocationsRsp = struct('cxlmi_cmd_fmapi_get_ld_allocations_rsp', {
  number_ld: u8,
  memory_granularity: u8,
  start_ld_id: u8,
  ld_allocation_list_len: u8,
  ld_allocation_list: varArray(ldAllocation, { count: 'ld_allocation_list_len' }),
});

export const getLdAllocations = defineCommand({
  name: 'fmapi_get_ld_allocations',
  method: 'getLdAllocations',
  opcode: 0x5401,
  set: 'fmapi',
  title: 'Get LD Allocations',
  spec: '7.6.7.4.2',
  request: getLdAllocationsReq,
  response: getLdAllocationsRsp,
});

/** Set LD Allocations, CXL r3.1 Tables 7-41/7-42 (the response echoes what was applied). */
export const setLdAllocationsReq = struct('cxlmi_cmd_fmapi_set_ld_allocations_req', {
  number_ld: u8,
  start_ld_id: u8,
  rsvd: reserved(2),
  ld_allocation_list: varArray(ldAllocation, { count: 'number_ld' }),
});
export const setLdAllocationsRsp = struct('cxlmi_cmd_fmapi_set_ld_allocations_rsp', {
  number_ld: u8,
  start_ld_id: u8,
  rsvd: reserved(2),
  ld_allocation_list: varArray(ldAllocation, { count: 'number_ld' }),
});

export const setLdAllocations = defineCommand({
  name: 'fmapi_set_ld_allocations',
  method: 'setLdAllocations',
  opcode: 0x5402,
  set: 'fmapi',
  title: 'Set LD Allocations',
  spec: '7.6.7.4.3',
  request: setLdAllocationsReq,
  response: setLdAllocationsRsp,
});

/** QoS control fields, CXL r3.1 Table 7-43 (Get QoS Control output, Set QoS Control input and output). */
const qosControlFields = {
  qos_telemetry_control: bitfield(u8, {
    egress_port_congestion_enable: 0,
    temporary_throughput_reduction_enable: 1,
  }),
  egress_moderate_percentage: u8,
  egress_severe_percentage: u8,
  backpressure_sample_interval: u8,
  recmpbasis: u16,
  completion_collection_interval: u8,
} as const;

export const getQosControlRsp = struct('cxlmi_cmd_fmapi_get_qos_control_rsp', qosControlFields);
export const setQosControlReq = struct('cxlmi_cmd_fmapi_set_qos_control_req', qosControlFields);
export const setQosControlRsp = struct('cxlmi_cmd_fmapi_set_qos_control_rsp', qosControlFields);

export const getQosControl = defineCommand({
  name: 'fmapi_get_qos_control',
  method: 'getQosControl',
  opcode: 0x5403,
  set: 'fmapi',
  title: 'Get QoS Control',
  spec: '7.6.7.4.4',
  request: null,
  response: getQosControlRsp,
});

export const setQosControl = defineCommand({
  name: 'fmapi_set_qos_control',
  method: 'setQosControl',
  opcode: 0x5404,
  set: 'fmapi',
  title: 'Set QoS Control',
  spec: '7.6.7.4.5',
  request: setQosControlReq,
  response: setQosControlRsp,
});

/** Get QoS Status output payload, CXL r3.1 Table 7-45. */
export const getQosStatusRsp = struct('cxlmi_cmd_fmapi_get_qos_status_rsp', {
  backpressure_avg_percentage: u8,
});

export const getQosStatus = defineCommand({
  name: 'fmapi_get_qos_status',
  method: 'getQosStatus',
  opcode: 0x5405,
  set: 'fmapi',
  title: 'Get QoS Status',
  spec: '7.6.7.4.6',
  request: null,
  response: getQosStatusRsp,
});

/** Get / Set QoS Allocated BW, CXL r3.1 Tables 7-46..7-48: one fraction (n/256) per LD. */
export const getQosAllocatedBwReq = struct('cxlmi_cmd_fmapi_get_qos_allocated_bw_req', {
  number_ld: u8,
  start_ld_id: u8,
});
export const getQosAllocatedBwRsp = struct('cxlmi_cmd_fmapi_get_qos_allocated_bw_rsp', {
  number_ld: u8,
  start_ld_id: u8,
  qos_allocation_fraction: bytes({ count: 'number_ld' }),
});
export const setQosAllocatedBwReq = struct('cxlmi_cmd_fmapi_set_qos_allocated_bw_req', {
  number_ld: u8,
  start_ld_id: u8,
  qos_allocation_fraction: bytes({ count: 'number_ld' }),
});
export const setQosAllocatedBwRsp = struct('cxlmi_cmd_fmapi_set_qos_allocated_bw_rsp', {
  number_ld: u8,
  start_ld_id: u8,
  qos_allocation_fraction: bytes({ count: 'number_ld' }),
});

export const getQosAllocatedBw = defineCommand({
  name: 'fmapi_get_qos_allocated_bw',
  method: 'getQosAllocatedBw',
  opcode: 0x5406,
  set: 'fmapi',
  title: 'Get QoS Allocated BW',
  spec: '7.6.7.4.7',
  request: getQosAllocatedBwReq,
  response: getQosAllocatedBwRsp,
});

export const setQosAllocatedBw = defineCommand({
  name: 'fmapi_set_qos_allocated_bw',
  method: 'setQosAllocatedBw',
  opcode: 0x5407,
  set: 'fmapi',
  title: 'Set QoS Allocated BW',
  spec: '7.6.7.4.8',
  request: setQosAllocatedBwReq,
  response: setQosAllocatedBwRsp,
});

/** Get / Set QoS BW Limit, CXL r3.1 Tables 7-50..7-52: one limit fraction (n/256) per LD. */
export const getQosBwLimitReq = struct('cxlmi_cmd_fmapi_get_qos_bw_limit_req', {
  number_ld: u8,
  start_ld_id: u8,
});
export const getQosBwLimitRsp = struct('cxlmi_cmd_fmapi_get_qos_bw_limit_rsp', {
  number_ld: u8,
  start_ld_id: u8,
  qos_limit_fraction: bytes({ count: 'number_ld' }),
});
export const setQosBwLimitReq = struct('cxlmi_cmd_fmapi_set_qos_bw_limit_req', {
  number_ld: u8,
  start_ld_id: u8,
  qos_limit_fraction: bytes({ count: 'number_ld' }),
});
export const setQosBwLimitRsp = struct('cxlmi_cmd_fmapi_set_qos_bw_limit_rsp', {
  number_ld: u8,
  start_ld_id: u8,
  qos_limit_fraction: bytes({ count: 'number_ld' }),
});

export const getQosBwLimit = defineCommand({
  name: 'fmapi_get_qos_bw_limit',
  method: 'getQosBwLimit',
  opcode: 0x5408,
  set: 'fmapi',
  title: 'Get QoS BW Limit',
  spec: '7.6.7.4.9',
  request: getQosBwLimitReq,
  response: getQosBwLimitRsp,
});

export const setQosBwLimit = defineCommand({
  name: 'fmapi_set_qos_bw_limit',
  method: 'setQosBwLimit',
  opcode: 0x5409,
  set: 'fmapi',
  title: 'Set QoS BW Limit',
  spec: '7.6.7.4.10',
  request: setQosBwLimitReq,
  response: setQosBwLimitRsp,
});
