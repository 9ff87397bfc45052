/** Information and Status command set (0x00), CXL r3.1 §8.2.9.1. */
import { bitfield, optional, reserved, struct, u8, u16, u64 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

/** Identify output payload, CXL r3.1 Table 8-38. Component Type arrived with r3.0. */
export const identifyRsp = struct('cxlmi_cmd_identify_rsp', {
  vendor_id: u16,
  device_id: u16,
  subsys_vendor_id: u16,
  subsys_id: u16,
  serial_num: u64,
  max_msg_size: u8,
  component_type: optional(u8),
});

export const identify = defineCommand({
  name: 'identify',
  method: 'identify',
  opcode: 0x0001,
  set: 'generic',
  title: 'Identify',
  spec: '8.2.9.1.1',
  request: null,
  response: identifyRsp,
});

/** Background Operation Status output payload, CXL r3.1 Table 8-40. */
export const bgOpStatusRsp = struct('cxlmi_cmd_bg_op_status_rsp', {
  status: bitfield(u8, { in_progress: 0, percent_complete: [1, 7] }),
  rsvd: reserved(1),
  opcode: u16,
  returncode: u16,
  vendor_ext_status: u16,
});

export const bgOpStatus = defineCommand({
  name: 'bg_op_status',
  method: 'bgOpStatus',
  opcode: 0x0002,
  set: 'generic',
  title: 'Background Operation Status',
  spec: '8.2.9.1.2',
  request: null,
  response: bgOpStatusRsp,
});
