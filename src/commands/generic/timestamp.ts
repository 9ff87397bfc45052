/** Timestamp command set (0x03), CXL r3.1 §8.2.9.4. Nanoseconds since 1970-01-01 UTC. */
import { struct, u64 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from './effects.js';

/** Get Timestamp output payload, CXL r3.1 Table 8-57. */
export const getTimestampRsp = struct('cxlmi_cmd_get_timestamp_rsp', { timestamp: u64 });

export const getTimestamp = defineCommand({
  name: 'get_timestamp',
  method: 'getTimestamp',
  opcode: 0x0300,
  set: 'generic',
  title: 'Get Timestamp',
  spec: '8.2.9.4.1',
  request: null,
  response: getTimestampRsp,
});

/** Set Timestamp input payload, CXL r3.1 Table 8-58. */
export const setTimestampReq = struct('cxlmi_cmd_set_timestamp_req', { timestamp: u64 });

export const setTimestamp = defineCommand({
  name: 'set_timestamp',
  method: 'setTimestamp',
  opcode: 0x0301,
  set: 'generic',
  title: 'Set Timestamp',
  spec: '8.2.9.4.2',
  request: setTimestampReq,
  response: null,
  effects: effectMask(['immediate_policy_change']),
});
