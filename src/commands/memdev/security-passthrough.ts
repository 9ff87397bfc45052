/** Security Passthrough command set (0x46), CXL r3.2 §8.2.10.9.7 (SFSC protocols). */
import { bytes, reserved, struct, u8, u16 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

/** Security Send input payload: protocol, protocol-specific field, then the protocol's data. */
export const securitySendReq = struct('cxlmi_cmd_memdev_security_send_req', {
  security_protocol: u8,
  sp_specific: u16,
  rsvd: reserved(5),
  data: bytes('rest'),
});

export const securitySend = defineCommand({
  name: 'memdev_security_send',
  method: 'securitySend',
  opcode: 0x4600,
  set: 'memdev',
  title: 'Security Send',
  spec: 'r3.2 8.2.10.9.7.1',
  request: securitySendReq,
  response: null,
});

/** Security Receive input payload. */
export const securityReceiveReq = struct('cxlmi_cmd_memdev_security_receive_req', {
  security_protocol: u8,
  sp_specific: u16,
  rsvd: reserved(5),
});

/** Security Receive output payload: the protocol's data. */
export const securityReceiveRsp = struct('cxlmi_cmd_memdev_security_receive_rsp', { data: bytes('rest') });

export const securityReceive = defineCommand({
  name: 'memdev_security_receive',
  method: 'securityReceive',
  opcode: 0x4601,
  set: 'memdev',
  title: 'Security Receive',
  spec: 'r3.2 8.2.10.9.7.2',
  request: securityReceiveReq,
  response: securityReceiveRsp,
});
