/**
 * DCD Management command set (0x56), CXL r3.2 §7.6.7.6. Field names as libcxlmi's. Capacities in
 * 256 MiB units are kept as the wire carries them, with a `_bytes` view (libcxlmi scales them).
 */
import {
  bitfield,
  bytes,
  reserved,
  struct,
  u8,
  u16,
  u32,
  u64,
  varArray,
} from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { dcExtentFields } from '../memdev/dynamic-capacity.js';
import { capacity } from '../memdev/units.js';

/** Extent selection policies (Initiate Dynamic Capacity Add, CXL r3.2 Table 7-64). */
export const CXL_EXTENT_SELECTION_POLICY_FREE = 0;
export const CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS = 1;
export const CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE = 2;
export const CXL_EXTENT_SELECTION_POLICY_ENABLE_SHARED_ACCESS = 3;
/** Extent removal policies (Initiate Dynamic Capacity Release flags bits 3:0, CXL r3.2 Table 7-65). */
export const CXL_EXTENT_REMOVAL_POLICY_TAG_BASED = 0;
export const CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE = 1;

/** Get DCD Info output payload, CXL r3.2 Table 7-60 (0x54 bytes). */
export const getDcdInfoRsp = struct('cxlmi_cmd_fmapi_get_dcd_info_rsp', {
  num_hosts: u8,
  num_supported_dc_regions: u8,
  rsvd1: reserved(2),
  capacity_selection_policies: u16,
  rsvd2: reserved(2),
  capacity_removal_policies: u16,
  sanitize_on_release_config_mask: u8,
  rsvd3: reserved(1),
  /** In 256 MiB units (as on the wire; `total_dynamic_capacity_bytes` is bytes, libcxlmi's value). */
  total_dynamic_capacity: capacity,
  region_0_supported_blk_sz_mask: u64,
  region_1_supported_blk_sz_mask: u64,
  region_2_supported_blk_sz_mask: u64,
  region_3_supported_blk_sz_mask: u64,
  region_4_supported_blk_sz_mask: u64,
  region_5_supported_blk_sz_mask: u64,
  region_6_supported_blk_sz_mask: u64,
  region_7_supported_blk_sz_mask: u64,
});

export const getDcdInfo = defineCommand({
  name: 'fmapi_get_dcd_info',
  method: 'getDcdInfo',
  opcode: 0x5600,
  set: 'fmapi',
  title: 'Get DCD Info',
  spec: '7.6.7.6.1',
  request: null,
  response: getDcdInfoRsp,
});

/** Get Host DC Region Configuration, CXL r3.2 Tables 7-61/7-62. */
export const getHostDcRegionConfigReq = struct('cxlmi_cmd_fmapi_get_host_dc_region_config_req', {
  host_id: u16,
  region_cnt: u8,
  start_region_id: u8,
});

/** One DC region configuration (40 bytes). */
export const hostDcRegionConfig = struct('cxlmi_cmd_fmapi_host_dc_region_config', {
  base: u64,
  /** In 256 MiB units (as on the wire; `decode_len_bytes` is bytes, libcxlmi's value). */
  decode_len: capacity,
  region_len: u64,
  block_size: u64,
  flags: u8,
  rsvd: reserved(3),
  sanitize_on_release: u8,
  rsvd2: reserved(3),
});

export const getHostDcRegionConfigRsp = struct('cxlmi_cmd_fmapi_get_host_dc_region_config_rsp', {
  host_id: u16,
  num_regions: u8,
  regions_returned: u8,
  region_configs: varArray(hostDcRegionConfig, { count: 'regions_returned' }),
  num_extents_supported: u32,
  num_extents_available: u32,
  num_tags_supported: u32,
  num_tags_available: u32,
});

export const getDcRegConfig = defineCommand({
  name: 'fmapi_get_dc_reg_config',
  method: 'getDcRegConfig',
  opcode: 0x5601,
  set: 'fmapi',
  title: 'Get Host DC Region Configuration',
  spec: '7.6.7.6.2',
  request: getHostDcRegionConfigReq,
  response: getHostDcRegionConfigRsp,
});

/** Set DC Region Configuration input payload, CXL r3.2 Table 7-63. */
export const setDcRegionConfigReq = struct('cxlmi_cmd_fmapi_set_dc_region_config_req', {
  region_id: u8,
  rsvd: reserved(3),
  block_sz: u64,
  sanitize_on_release: u8,
  rsvd2: reserved(3),
});

export const setDcRegionConfig = defineCommand({
  name: 'fmapi_set_dc_region_config',
  method: 'setDcRegionConfig',
  opcode: 0x5602,
  set: 'fmapi',
  title: 'Set DC Region Configuration',
  spec: '7.6.7.6.3',
  request: setDcRegionConfigReq,
  response: null,
});

/** A dynamic capacity extent (CXL r3.1 Table 8-51, 40 bytes). */
/**
 * The extent layout is the Memory Device one (start DPA, length, tag, shared sequence); libcxlmi
 * names it apart for FM-API, so it is declared once and given that name here.
 */
export const fmapiDcExtent = struct('cxlmi_fmapi_dc_extent', dcExtentFields);

/** Get DC Region Extent Lists, CXL r3.2 Tables 7-64/7-65. */
export const getDcRegionExtListReq = struct('cxlmi_cmd_fmapi_get_dc_region_ext_list_req', {
  host_id: u16,
  rsvd: reserved(2),
  extent_count: u32,
  start_ext_index: u32,
});
export const getDcRegionExtListRsp = struct('cxlmi_cmd_fmapi_get_dc_region_ext_list_rsp', {
  host_id: u16,
  rsvd1: reserved(2),
  start_ext_index: u32,
  extents_returned: u32,
  total_extents: u32,
  list_generation_num: u32,
  rsvd2: reserved(4),
  extents: varArray(fmapiDcExtent, { count: 'extents_returned' }),
});

export const getDcRegionExtList = defineCommand({
  name: 'fmapi_get_dc_region_ext_list',
  method: 'getDcRegionExtList',
  opcode: 0x5603,
  set: 'fmapi',
  title: 'Get DC Region Extent Lists',
  spec: '7.6.7.6.4',
  request: getDcRegionExtListReq,
  response: getDcRegionExtListRsp,
});

/** Initiate Dynamic Capacity Add input payload, CXL r3.2 Table 7-66. */
export const initiateDcAddReq = struct('cxlmi_cmd_fmapi_initiate_dc_add_req', {
  host_id: u16,
  selection_policy: u8,
  region_num: u8,
  length: u64,
  tag: bytes(16),
  ext_count: u32,
  extents: varArray(fmapiDcExtent, { count: 'ext_count' }),
});

export const initiateDcAdd = defineCommand({
  name: 'fmapi_initiate_dc_add',
  method: 'initiateDcAdd',
  opcode: 0x5604,
  set: 'fmapi',
  title: 'Initiate Dynamic Capacity Add',
  spec: '7.6.7.6.5',
  request: initiateDcAddReq,
  response: null,
});

/** Initiate Dynamic Capacity Release input payload, CXL r3.2 Table 7-67. */
export const initiateDcReleaseReq = struct('cxlmi_cmd_fmapi_initiate_dc_release_req', {
  host_id: u16,
  flags: bitfield(u8, { removal_policy: [0, 4], forced_removal: 4, sanitize_on_release: 5 }),
  rsvd: reserved(1),
  length: u64,
  tag: bytes(16),
  ext_count: u32,
  extents: varArray(fmapiDcExtent, { count: 'ext_count' }),
});

export const initiateDcRelease = defineCommand({
  name: 'fmapi_initiate_dc_release',
  method: 'initiateDcRelease',
  opcode: 0x5605,
  set: 'fmapi',
  title: 'Initiate Dynamic Capacity Release',
  spec: '7.6.7.6.6',
  request: initiateDcReleaseReq,
  response: null,
});

/** Dynamic Capacity Add / Remove Reference input payload, CXL r3.2 Tables 7-68/7-69. */
export const dcAddRefReq = struct('cxlmi_cmd_fmapi_dc_add_ref_req', { tag: bytes(16) });
export const dcRemoveRefReq = struct('cxlmi_cmd_fmapi_dc_remove_ref_req', { tag: bytes(16) });

export const dcAddReference = defineCommand({
  name: 'fmapi_dc_add_reference',
  method: 'dcAddReference',
  opcode: 0x5606,
  set: 'fmapi',
  title: 'Dynamic Capacity Add Reference',
  spec: '7.6.7.6.7',
  request: dcAddRefReq,
  response: null,
});

export const dcRemoveReference = defineCommand({
  name: 'fmapi_dc_remove_reference',
  method: 'dcRemoveReference',
  opcode: 0x5607,
  set: 'fmapi',
  title: 'Dynamic Capacity Remove Reference',
  spec: '7.6.7.6.8',
  request: dcRemoveRefReq,
  response: null,
});

/** Dynamic Capacity List Tags, CXL r3.2 Tables 7-70..7-72. */
export const dcListTagsReq = struct('cxlmi_cmd_fmapi_dc_list_tags_req', {
  start_idx: u32,
  tags_count: u32,
});
export const dcTagInfo = struct('cxlmi_cmd_fmapi_dc_tag_info', {
  tag: bytes(16),
  flags: u8,
  rsvd: reserved(3),
  ref_bitmap: bytes(32),
  pending_ref_bitmap: bytes(32),
});
export const dcListTagsRsp = struct('cxlmi_cmd_fmapi_dc_list_tags_rsp', {
  generation_num: u32,
  total_num_tags: u32,
  num_tags_returned: u32,
  validity_bitmap: u8,
  rsvd: reserved(3),
  tags_list: varArray(dcTagInfo, { count: 'num_tags_returned' }),
});

export const dcListTags = defineCommand({
  name: 'fmapi_dc_list_tags',
  method: 'dcListTags',
  opcode: 0x5608,
  set: 'fmapi',
  title: 'Dynamic Capacity List Tags',
  spec: '7.6.7.6.9',
  request: dcListTagsReq,
  response: dcListTagsRsp,
});
