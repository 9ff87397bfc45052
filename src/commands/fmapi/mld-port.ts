/** MLD Port command set (0x53), CXL r3.2 §7.6.7.3. Field names as libcxlmi's. */
import { bitfield, bytes, reserved, struct, u8, u16, u24, u32, u64 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

/** Tunnel target types (CXL r3.2 Table 7-32, "Target Type"). */
export const TUNNEL_TARGET_PORT_OR_LD = 0;
export const TUNNEL_TARGET_LD_POOL_CCI = 1;

/**
 * Tunnel Management Command input payload, CXL r3.2 Table 7-32: the target, the size of the
 * tunneled CCI message (12-byte header included) and the message itself.
 */
export const tunnelCommandReq = struct('cxlmi_cmd_fmapi_tunnel_command_req', {
  /** Port (in a switch) or LD (in an MLD) id; ignored for the LD-pool CCI. */
  id: u8,
  target_type: u8,
  command_size: u16,
  message: bytes({ count: 'command_size' }),
});

/** Tunnel Management Command output payload, CXL r3.2 Table 7-33: the tunneled response message. */
export const tunnelCommandRsp = struct('cxlmi_cmd_fmapi_tunnel_command_rsp', {
  length: u16,
  resv: reserved(2),
  message: bytes('rest'),
});

export const tunnelManagementCommand = defineCommand({
  name: 'fmapi_tunnel_management_command',
  method: 'tunnelManagementCommand',
  opcode: 0x5300,
  set: 'fmapi',
  title: 'Tunnel Management Command',
  spec: '7.6.7.3.1',
  request: tunnelCommandReq,
  response: tunnelCommandRsp,
});

/** Bytes 1-3 of the configuration request: register, byte enables, read (0) / write (1). */
const configField = { reg_num: [0, 8], ext_reg_num: [8, 4], first_dw_be: [12, 4], write: 23 } as const;

/** Send LD CXL.io Configuration Request input payload, CXL r3.2 Table 7-34. */
export const sendLdCxlioConfigRequestReq = struct('cxlmi_cmd_fmapi_send_ld_cxlio_config_request_req', {
  ppb_id: u8,
  field_1: bitfield(u24, configField),
  ld_id: u16,
  rsvd: reserved(2),
  transaction_data: u32,
});
export const sendLdCxlioConfigRequestRsp = struct('cxlmi_cmd_fmapi_send_ld_cxlio_config_request_rsp', {
  return_data: u32,
});

export const sendLdCxlioConfigRequest = defineCommand({
  name: 'fmapi_send_ld_cxlio_config_request',
  method: 'sendLdCxlioConfigRequest',
  opcode: 0x5301,
  set: 'fmapi',
  title: 'Send LD CXL.io Configuration Request',
  spec: '7.6.7.3.2',
  request: sendLdCxlioConfigRequestReq,
  response: sendLdCxlioConfigRequestRsp,
});

/**
 * Send LD CXL.io Memory Request input payload (CXL r3.2 Table 7-36), packed as libcxlmi packs it:
 * a 15-byte header, then up to 4 KiB of write data.
 */
export const sendLdCxlioMemRequestReq = struct('cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_req', {
  port_id: u8,
  field_1: u16,
  ld_id: u16,
  transaction_len: u16,
  transaction_addr: u64,
  transaction_data: bytes('rest'),
});
export const sendLdCxlioMemRequestRsp = struct('cxlmi_cmd_fmapi_send_ld_cxlio_mem_request_rsp', {
  return_size: u16,
  rsvd: reserved(2),
  return_data: bytes({ count: 'return_size' }),
});

export const sendLdCxlioMemRequest = defineCommand({
  name: 'fmapi_send_ld_cxlio_mem_request',
  method: 'sendLdCxlioMemRequest',
  opcode: 0x5302,
  set: 'fmapi',
  title: 'Send LD CXL.io Memory Request',
  spec: '7.6.7.3.3',
  request: sendLdCxlioMemRequestReq,
  response: sendLdCxlioMemRequestRsp,
});
