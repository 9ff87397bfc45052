/** Firmware Update command set (CXL r3.1 §8.2.9.3). */
import { bitfield, bytes, reserved, str, struct, u8, u32 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from './effects.js';

/** Table 8-65. */
const getFwInfoRsp = struct('cxlmi_cmd_get_fw_info_rsp', {
  slots_supported: u8,
  slot_info: bitfield(u8, { active_slot: [0, 3], staged_slot: [3, 3] }),
  caps: bitfield(u8, { online_activation: 0 }),
  rsvd: reserved(0xd),
  fw_rev1: str(0x10),
  fw_rev2: str(0x10),
  fw_rev3: str(0x10),
  fw_rev4: str(0x10),
});

export const getFwInfo = defineCommand({
  name: 'get_fw_info',
  method: 'getFwInfo',
  opcode: 0x0200,
  set: 'generic',
  title: 'Get FW Info',
  spec: '8.2.9.3.1',
  request: null,
  response: getFwInfoRsp,
});

/** Effects Transfer FW and Activate FW share (CXL r3.1 §8.2.9.3.2, §8.2.9.3.3). */
const FW_UPDATE_EFFECTS = [
  'config_change_cold_reset',
  'cel_11_10_valid',
  'config_change_conventional_reset',
  'config_change_cxl_reset',
  'background_operation',
  'request_abort_bg_op_supported',
] as const;

/** Transfer FW actions (Table 8-66). */
export const FW_TRANSFER_FULL = 0;
export const FW_TRANSFER_INITIATE = 1;
export const FW_TRANSFER_CONTINUE = 2;
export const FW_TRANSFER_END = 3;
export const FW_TRANSFER_ABORT = 4;
/** Transfer FW offsets count 128-byte units. */
export const FW_TRANSFER_ALIGNMENT = 128;
/** Size of the Transfer FW header before the data. */
export const FW_TRANSFER_HEADER_SIZE = 0x80;

/** Table 8-66. */
const transferFwReq = struct('cxlmi_cmd_transfer_fw_req', {
  action: u8,
  slot: u8,
  rsvd: reserved(2),
  offset: u32,
  rsvd2: reserved(0x78),
  data: bytes('rest'),
});

export const transferFw = defineCommand({
  name: 'transfer_fw',
  method: 'transferFwPart',
  opcode: 0x0201,
  set: 'generic',
  title: 'Transfer FW',
  spec: '8.2.9.3.2',
  request: transferFwReq,
  response: null,
  background: true,
  effects: effectMask(FW_UPDATE_EFFECTS),
});

/** Activate FW actions (Table 8-67). */
export const FW_ACTIVATE_ONLINE = 0;
export const FW_ACTIVATE_ON_RESET = 1;

export const activateFw = defineCommand({
  name: 'activate_fw',
  method: 'activateFw',
  opcode: 0x0202,
  set: 'generic',
  title: 'Activate FW',
  spec: '8.2.9.3.3',
  request: struct('cxlmi_cmd_activate_fw_req', { action: u8, slot: u8 }),
  response: null,
  background: true,
  effects: effectMask([...FW_UPDATE_EFFECTS, 'immediate_config_change']),
});
