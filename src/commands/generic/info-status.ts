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

/** Get / Set Response Message Limit payloads, CXL r3.1 Tables 8-40 to 8-42: the limit is 2^n bytes. */
const responseMsgLimit = (name: string) => struct(name, { limit: u8 });

export const getResponseMsgLimit = defineCommand({
  name: 'get_response_msg_limit',
  method: 'getResponseMsgLimit',
  opcode: 0x0003,
  set: 'generic',
  title: 'Get Response Message Limit',
  spec: '8.2.9.1.3',
  request: null,
  response: responseMsgLimit('cxlmi_cmd_get_response_msg_limit_rsp'),
});

export const setResponseMsgLimit = defineCommand({
  name: 'set_response_msg_limit',
  method: 'setResponseMsgLimit',
  opcode: 0x0004,
  set: 'generic',
  title: 'Set Response Message Limit',
  spec: '8.2.9.1.4',
  request: responseMsgLimit('cxlmi_cmd_set_response_msg_limit_req'),
  response: responseMsgLimit('cxlmi_cmd_set_response_msg_limit_rsp'),
});

/** Request Abort Background Operation, CXL r3.1 §8.2.9.1.5: no payload either way. */
export const requestBgOpAbort = defineCommand({
  name: 'request_bg_op_abort',
  method: 'requestBgOpAbort',
  aliases: ['cxlmi_cmd_request_bg_operation_abort'],
  opcode: 0x0005,
  set: 'generic',
  title: 'Request Abort Background Operation',
  spec: '8.2.9.1.5',
  request: null,
  response: null,
});
