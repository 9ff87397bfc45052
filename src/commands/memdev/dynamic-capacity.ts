/** Dynamic Capacity command set (0x48), CXL r3.1 §8.2.9.9.9. */
import {
  bitfield,
  bytes,
  optional,
  reserved,
  struct,
  u8,
  u16,
  u32,
  u64,
  varArray,
} from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { capacity } from './units.js';

/** Get Dynamic Capacity Configuration input payload (§8.2.9.9.9.1). */
export const getDcConfigReq = struct('cxlmi_cmd_memdev_get_dc_config_req', {
  region_cnt: u8,
  start_region_id: u8,
});

/**
 * One DC Region Configuration (40 bytes). `decode_len` is in 256 MiB units (also `_bytes`);
 * base, region length and block size are bytes. Flags bit 0: sanitize on release.
 */
export const dcRegionConfig = struct('cxlmi_memdev_dc_region_config', {
  base: u64,
  decode_len: capacity,
  region_len: u64,
  block_size: u64,
  dsmadhandle: u32,
  flags: bitfield(u8, { sanitize_on_release: 0 }),
  rsvd2: reserved(3),
});

/**
 * Get Dynamic Capacity Configuration output payload. The four extent/tag counters after the
 * region list arrived with r3.1; earlier devices stop after the regions.
 */
export const getDcConfigRsp = struct('cxlmi_cmd_memdev_get_dc_config_rsp', {
  num_regions: u8,
  regions_returned: u8,
  rsvd1: reserved(6),
  region_configs: varArray(dcRegionConfig, { count: 'regions_returned' }),
  num_extents_supported: optional(u32),
  num_extents_available: optional(u32),
  num_tags_supported: optional(u32),
  num_tags_available: optional(u32),
});

export const getDcConfig = defineCommand({
  name: 'memdev_get_dc_config',
  method: 'getDcConfig',
  opcode: 0x4800,
  set: 'memdev',
  title: 'Get Dynamic Capacity Configuration',
  spec: '8.2.9.9.9.1',
  request: getDcConfigReq,
  response: getDcConfigRsp,
});

/** Get Dynamic Capacity Extent List input payload (§8.2.9.9.9.2). */
export const getDcExtentListReq = struct('cxlmi_cmd_memdev_get_dc_extent_list_req', {
  extent_cnt: u32,
  start_extent_idx: u32,
});

/** Dynamic Capacity Extent (40 bytes): start and length in bytes, tag, shared sequence. */
/** A Dynamic Capacity extent's fields; FM-API DCD management carries the same layout. */
export const dcExtentFields = {
  start_dpa: u64,
  len: u64,
  tag: bytes(0x10),
  shared_seq: u16,
  rsvd: reserved(6),
};

export const dcExtent = struct('cxlmi_memdev_dc_extent', dcExtentFields);

/** Get Dynamic Capacity Extent List output payload. */
export const getDcExtentListRsp = struct('cxlmi_cmd_memdev_get_dc_extent_list_rsp', {
  num_extents_returned: u32,
  total_num_extents: u32,
  generation_num: u32,
  rsvd: reserved(4),
  extents: varArray(dcExtent, { count: 'num_extents_returned' }),
});

export const getDcExtentList = defineCommand({
  name: 'memdev_get_dc_extent_list',
  method: 'getDcExtentList',
  opcode: 0x4801,
  set: 'memdev',
  title: 'Get Dynamic Capacity Extent List',
  spec: '8.2.9.9.9.2',
  request: getDcExtentListReq,
  response: getDcExtentListRsp,
});

/** Updated Extent (24 bytes): start and length in bytes. */
export const dcUpdatedExtent = struct('cxlmi_memdev_dc_updated_extent', {
  start_dpa: u64,
  len: u64,
  rsvd: reserved(8),
});

/** Add Dynamic Capacity Response input payload (§8.2.9.9.9.3). Flags bit 0: more to follow. */
export const addDcResponseReq = struct('cxlmi_cmd_memdev_add_dc_response_req', {
  updated_extent_list_size: u32,
  flags: bitfield(u8, { more: 0 }),
  rsvd1: reserved(3),
  extents: varArray(dcUpdatedExtent, { count: 'updated_extent_list_size' }),
});

export const addDcResponse = defineCommand({
  name: 'memdev_add_dc_response',
  method: 'addDcResponse',
  opcode: 0x4802,
  set: 'memdev',
  title: 'Add Dynamic Capacity Response',
  spec: '8.2.9.9.9.3',
  request: addDcResponseReq,
  response: null,
});

/** Release Dynamic Capacity input payload (§8.2.9.9.9.4), same layout. */
export const releaseDcReq = struct('cxlmi_cmd_memdev_release_dc_req', {
  updated_extent_list_size: u32,
  flags: bitfield(u8, { more: 0 }),
  rsvd1: reserved(3),
  extents: varArray(dcUpdatedExtent, { count: 'updated_extent_list_size' }),
});

export const releaseDc = defineCommand({
  name: 'memdev_release_dc',
  method: 'releaseDc',
  opcode: 0x4803,
  set: 'memdev',
  title: 'Release Dynamic Capacity',
  spec: '8.2.9.9.9.4',
  request: releaseDcReq,
  response: null,
});
