/** Logs command set (CXL r3.1 §8.2.9.5). */
import {
  bitfield,
  bytes,
  reserved,
  struct,
  u8,
  u16,
  u32,
  uuid,
  varArray,
} from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from './effects.js';

/** Log Identifiers the spec defines (CXL r3.1 Table 8-71). */
export const CEL_UUID = '0da9c0b5-bf41-4b78-8f79-96b1623b3f17';
export const VENDOR_DEBUG_LOG_UUID = '5e1819d9-11a9-400c-811f-d60719403d86';
export const COMPONENT_STATE_DUMP_LOG_UUID = 'b3fab4cf-01b6-4332-943e-5e9962f23567';
export const DDR5_ECS_LOG_UUID = 'f1720d60-a7a9-4306-a003-11948f9e077c';
export const MEDIA_TEST_CAPABILITY_LOG_UUID = 'e6dfa32c-d13e-4a5c-8ca8-99bebbf731a4';
export const MEDIA_TEST_RESULTS_SHORT_LOG_UUID = '2c255522-8ce4-11ec-b909-0242ac120002';
export const MEDIA_TEST_RESULTS_LONG_LOG_UUID = 'c1fe0b3e-7a00-448e-a24e-a6aabbfe587a';

/** Table 8-71. */
export const supportedLogEntry = struct('cxlmi_supported_log_entry', { uuid, log_size: u32 });

/** Table 8-70. */
const getSupportedLogsRsp = struct('cxlmi_cmd_get_supported_logs_rsp', {
  num_supported_log_entries: u16,
  rsvd: reserved(6),
  entries: varArray(supportedLogEntry, { count: 'num_supported_log_entries' }),
});

export const getSupportedLogs = defineCommand({
  name: 'get_supported_logs',
  method: 'getSupportedLogs',
  opcode: 0x0400,
  set: 'generic',
  title: 'Get Supported Logs',
  spec: '8.2.9.5.1',
  request: null,
  response: getSupportedLogsRsp,
});

/** Table 8-72. */
export const getLogReq = struct('cxlmi_cmd_get_log_req', { uuid, offset: u32, length: u32 });

/** Table 8-73: the log data itself. */
const getLogRsp = struct('cxlmi_cmd_get_log_rsp', { data: bytes('rest') });

export const getLog = defineCommand({
  name: 'get_log',
  method: 'getLogPart',
  opcode: 0x0401,
  set: 'generic',
  title: 'Get Log',
  spec: '8.2.9.5.2',
  request: getLogReq,
  response: getLogRsp,
});

const logUuidReq = (name: string) => struct(name, { uuid });

/** Table 8-90. */
const getLogCapabilitiesRsp = struct('cxlmi_cmd_get_log_capabilities_rsp', {
  parameter_flags: bitfield(u32, {
    clear_log_supported: 0,
    populate_log_supported: 1,
    auto_populate_supported: 2,
    persistent_across_cold_reset: 3,
  }),
});

export const getLogCapabilities = defineCommand({
  name: 'get_log_capabilities',
  method: 'getLogCapabilities',
  opcode: 0x0402,
  set: 'generic',
  title: 'Get Log Capabilities',
  spec: '8.2.9.5.3',
  request: logUuidReq('cxlmi_cmd_get_log_capabilities_req'),
  response: getLogCapabilitiesRsp,
});

export const clearLog = defineCommand({
  name: 'clear_log',
  method: 'clearLog',
  opcode: 0x0403,
  set: 'generic',
  title: 'Clear Log',
  spec: '8.2.9.5.4',
  request: logUuidReq('cxlmi_cmd_clear_log_req'),
  response: null,
  effects: effectMask(['immediate_log_change']),
});

export const populateLog = defineCommand({
  name: 'populate_log',
  method: 'populateLog',
  opcode: 0x0404,
  set: 'generic',
  title: 'Populate Log',
  spec: '8.2.9.5.5',
  request: logUuidReq('cxlmi_cmd_populate_log_req'),
  response: null,
  background: true,
  effects: effectMask(['immediate_log_change', 'background_operation', 'request_abort_bg_op_supported']),
});

/** Tables 8-93 / 8-94. */
export const getSupportedLogsSublist = defineCommand({
  name: 'get_supported_logs_sublist',
  method: 'getSupportedLogsSublist',
  opcode: 0x0405,
  set: 'generic',
  title: 'Get Supported Logs Sub-List',
  spec: '8.2.9.5.6',
  request: struct('cxlmi_cmd_get_supported_logs_sublist_req', {
    max_supported_log_entries: u8,
    start_log_entry_index: u8,
  }),
  response: struct('cxlmi_cmd_get_supported_logs_sublist_rsp', {
    num_supported_log_entries: u8,
    rsvd: reserved(1),
    total_num_supported_log_entries: u16,
    start_log_entry_index: u8,
    rsvd2: reserved(3),
    entries: varArray(supportedLogEntry, { count: 'num_supported_log_entries' }),
  }),
});
