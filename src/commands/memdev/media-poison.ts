/** Media and Poison Management command set (0x43), CXL r3.1 §8.2.9.9.4. */
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
import { effectMask } from '../generic/effects.js';

/**
 * Media Error Record, CXL r3.1 Table 8-140. `media_err_addr` bits 63:6 are the DPA and bits 2:0
 * the error source (see `mediaErrorDpa` / `mediaErrorSource`); the length counts 64-byte lines.
 */
export const mediaErrRecord = struct('cxlmi_memdev_media_err_record', {
  media_err_addr: u64,
  media_err_len: u32,
  rsvd1: reserved(4),
});

/** Get Poison List input payload (§8.2.9.9.4.1): start DPA and length in 64-byte units. */
export const getPoisonListReq = struct('cxlmi_cmd_memdev_get_poison_list_req', {
  get_poison_list_phy_addr: u64,
  get_poison_list_phy_addr_len: u64,
});

/** Get Poison List output payload (§8.2.9.9.4.1, 32-byte header then records). */
export const getPoisonListRsp = struct('cxlmi_cmd_memdev_get_poison_list_rsp', {
  poison_list_flags: bitfield(u8, {
    more_media_error_records: 0,
    poison_list_overflow: 1,
    scan_media_in_progress: 2,
  }),
  rsv1: reserved(1),
  overflow_timestamp: u64,
  more_err_media_record_cnt: u16,
  rsv2: reserved(0x14),
  records: varArray(mediaErrRecord, { count: 'more_err_media_record_cnt' }),
});

export const getPoisonList = defineCommand({
  name: 'get_poison_list',
  method: 'getPoisonList',
  opcode: 0x4300,
  set: 'memdev',
  title: 'Get Poison List',
  spec: '8.2.9.9.4.1',
  request: getPoisonListReq,
  response: getPoisonListRsp,
  aliases: ['cxlmi_cmd_memdev_get_poison_list'],
});

/** Inject Poison input payload (§8.2.9.9.4.2): one 64-byte line at this DPA. */
export const injectPoisonReq = struct('cxlmi_cmd_memdev_inject_poison_req', { inject_poison_phy_addr: u64 });

export const injectPoison = defineCommand({
  name: 'memdev_inject_poison',
  method: 'injectPoison',
  opcode: 0x4301,
  set: 'memdev',
  title: 'Inject Poison',
  spec: '8.2.9.9.4.2',
  request: injectPoisonReq,
  response: null,
  // The spec lists Immediate Data Change (0004h); QEMU's CEL lists none.
  effects: effectMask(['immediate_data_change']),
});

/** Clear Poison input payload (§8.2.9.9.4.3): the DPA and the 64 bytes written in its place. */
export const clearPoisonReq = struct('cxlmi_cmd_memdev_clear_poison_req', {
  clear_poison_phy_addr: u64,
  clear_poison_write_data: bytes(64),
});

export const clearPoison = defineCommand({
  name: 'memdev_clear_poison',
  method: 'clearPoison',
  opcode: 0x4302,
  set: 'memdev',
  title: 'Clear Poison',
  spec: '8.2.9.9.4.3',
  request: clearPoisonReq,
  response: null,
  effects: effectMask(['immediate_data_change']),
});

/** Get Scan Media Capabilities input payload (§8.2.9.9.4.4): DPA and length in 64-byte units. */
export const getScanMediaCapabilitiesReq = struct('cxlmi_cmd_memdev_get_scan_media_capabilities_req', {
  get_scan_media_capabilities_start_physaddr: u64,
  get_scan_media_capabilities_physaddr_length: u64,
});

/** Get Scan Media Capabilities output payload: estimated scan time in milliseconds. */
export const getScanMediaCapabilitiesRsp = struct('cxlmi_cmd_memdev_get_scan_media_capabilities_rsp', {
  estimated_scan_media_time: u32,
});

export const getScanMediaCapabilities = defineCommand({
  name: 'get_scan_media_capabilities',
  method: 'getScanMediaCapabilities',
  opcode: 0x4303,
  set: 'memdev',
  title: 'Get Scan Media Capabilities',
  spec: '8.2.9.9.4.4',
  request: getScanMediaCapabilitiesReq,
  response: getScanMediaCapabilitiesRsp,
  aliases: ['cxlmi_cmd_memdev_get_scan_media_capabilities'],
});

/** Scan Media input payload (§8.2.9.9.4.5). Flags bit 0: do not add events to the event log. */
export const scanMediaReq = struct('cxlmi_cmd_memdev_scan_media_req', {
  scan_media_physaddr: u64,
  scan_media_physaddr_length: u64,
  scan_media_flags: bitfield(u8, { no_event_log: 0 }),
});

export const scanMedia = defineCommand({
  name: 'scan_media',
  method: 'scanMedia',
  opcode: 0x4304,
  set: 'memdev',
  title: 'Scan Media',
  spec: '8.2.9.9.4.5',
  request: scanMediaReq,
  response: null,
  background: true,
  // Background Operation and Request Abort Background Operation Supported (0140h).
  effects: effectMask(['background_operation', 'request_abort_bg_op_supported']),
  aliases: ['cxlmi_cmd_memdev_scan_media'],
});

/** Media Error Record as libcxlmi names it in scan-media results (same wire layout). */
export const mediaErrorRecord = struct('cxlmi_media_error_record', {
  media_error_address: u64,
  media_error_length: u32,
  rsvd: reserved(4),
});

/** Get Scan Media Results output payload (§8.2.9.9.4.6, 32-byte header then records). */
export const getScanMediaResultsRsp = struct('cxlmi_cmd_memdev_get_scan_media_results_rsp', {
  scan_media_restart_physaddr: u64,
  scan_media_restart_physaddr_length: u64,
  scan_media_flags: bitfield(u8, { more_media_error_records: 0, scan_stopped_prematurely: 1 }),
  rsvd1: reserved(1),
  media_error_count: u16,
  rsvd2: reserved(12),
  record: varArray(mediaErrorRecord, { count: 'media_error_count' }),
});

export const getScanMediaResults = defineCommand({
  name: 'get_scan_media_results',
  method: 'getScanMediaResults',
  opcode: 0x4305,
  set: 'memdev',
  title: 'Get Scan Media Results',
  spec: '8.2.9.9.4.6',
  request: null,
  response: getScanMediaResultsRsp,
  aliases: ['cxlmi_cmd_memdev_get_scan_media_results'],
});
