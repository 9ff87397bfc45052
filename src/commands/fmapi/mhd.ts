/** Multi-Headed Device command set (0x55), CXL r3.2 §7.6.7.5. Field names as libcxlmi's. */
import { bytes, reserved, struct, u8, varArray } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';

/** Get Multi-Headed Info, CXL r3.2 Tables 7-53/7-54. ld_map: the head each LD is mapped to. */
export const getMultiheadedInfoReq = struct('cxlmi_cmd_fmapi_get_multiheaded_info_req', {
  start_ld_id: u8,
  ld_map_list_limit: u8,
});
export const getMultiheadedInfoRsp = struct('cxlmi_cmd_fmapi_get_multiheaded_info_rsp', {
  num_lds: u8,
  num_heads: u8,
  rsvd1: reserved(2),
  start_ld_id: u8,
  ld_map_len: u8,
  rsvd2: reserved(2),
  ld_map: bytes({ count: 'ld_map_len' }),
});

export const getMultiheadedInfo = defineCommand({
  name: 'fmapi_get_multiheaded_info',
  method: 'getMultiheadedInfo',
  opcode: 0x5500,
  set: 'fmapi',
  title: 'Get Multi-Headed Info',
  spec: '7.6.7.5.1',
  request: getMultiheadedInfoReq,
  response: getMultiheadedInfoRsp,
});

/** Get Head Info, CXL r3.2 Tables 7-55..7-57. */
export const getHeadInfoReq = struct('cxlmi_cmd_fmapi_get_head_info_req', {
  start_head: u8,
  num_heads: u8,
});

/** Head Information block (9 bytes, as libcxlmi packs it); field_1..5 are the link fields named in comments. */
export const headInfoBlock = struct('cxlmi_cmd_fmapi_get_head_info_blkfmt', {
  port_num: u8,
  /** Max link width. */
  field_1: u8,
  /** Negotiated link width. */
  field_2: u8,
  /** Supported link speeds vector. */
  field_3: u8,
  /** Max link speed. */
  field_4: u8,
  /** Current link speed. */
  field_5: u8,
  ltssm_state: u8,
  first_negotiated_lane_num: u8,
  link_state_flags: u8,
});

export const getHeadInfoRsp = struct('cxlmi_cmd_fmapi_get_head_info_rsp', {
  num_heads: u8,
  rsvd: reserved(3),
  head_info_list: varArray(headInfoBlock, { count: 'num_heads' }),
});

export const getHeadInfo = defineCommand({
  name: 'fmapi_get_head_info',
  method: 'getHeadInfo',
  opcode: 0x5501,
  set: 'fmapi',
  title: 'Get Head Info',
  spec: '7.6.7.5.2',
  request: getHeadInfoReq,
  response: getHeadInfoRsp,
});
