/** Events command set (CXL r3.1 §8.2.9.2). */
import {
  bitfield,
  type Infer,
  optional,
  reserved,
  struct,
  u8,
  u16,
  u64,
  varArray,
} from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from './effects.js';
import { eventRecord } from './events/common.js';
import { decodeEventData, type EventData } from './events/decode.js';
import { withView } from './view-layout.js';

/** Table 8-52. */
const getEventRecordsReq = struct('cxlmi_cmd_get_event_records_req', { event_log: u8 });

/** Table 8-53. */
const getEventRecordsWire = struct('cxlmi_cmd_get_event_records_rsp', {
  flags: bitfield(u8, { overflow: 0, more_records: 1 }),
  rsvd: reserved(1),
  overflow_err_count: u16,
  first_overflow_timestamp: u64,
  last_overflow_timestamp: u64,
  record_count: u16,
  rsvd2: reserved(0xa),
  records: varArray(eventRecord, { count: 'record_count' }),
});

type WireRecord = Infer<typeof getEventRecordsWire>['records'][number];
type Records = { records: (WireRecord & { event: EventData })[] };

/**
 * Each record also carries `event`: its data decoded by the record's UUID (raw bytes when
 * unknown). Added in place to the freshly decoded records: no copies on this hot path.
 */
const getEventRecordsRsp = withView(getEventRecordsWire, (rsp) => {
  for (const r of rsp.records)
    (r as WireRecord & { event?: EventData }).event = decodeEventData(r.uuid, r.data);
  return rsp as Omit<typeof rsp, 'records'> & Records;
});

export const getEventRecords = defineCommand({
  name: 'get_event_records',
  method: 'getEventRecords',
  opcode: 0x0100,
  set: 'generic',
  title: 'Get Event Records',
  spec: '8.2.9.2.2',
  request: getEventRecordsReq,
  response: getEventRecordsRsp,
});

/** Table 8-54. */
const clearEventRecordsReq = struct('cxlmi_cmd_clear_event_records_req', {
  event_log: u8,
  clear_flags: bitfield(u8, { clear_all: 0 }),
  nr_recs: u8,
  rsvd: reserved(3),
  handles: varArray(u16, { count: 'nr_recs' }),
});

export const clearEventRecords = defineCommand({
  name: 'clear_event_records',
  method: 'clearEventRecords',
  opcode: 0x0101,
  set: 'generic',
  title: 'Clear Event Records',
  spec: '8.2.9.2.3',
  request: clearEventRecordsReq,
  response: null,
  effects: effectMask(['immediate_log_change']),
});

/** Interrupt Settings byte (Tables 8-55 / 8-56). */
const irqSettings = () => bitfield(u8, { interrupt_mode: [0, 2], message_number: [4, 4] });

/** Tables 8-55 / 8-56; the Dynamic Capacity byte is new in r3.0 and not part of the minimum input. */
const eventInterruptPolicy = (name: string) =>
  struct(name, {
    informational_settings: irqSettings(),
    warning_settings: irqSettings(),
    failure_settings: irqSettings(),
    fatal_settings: irqSettings(),
    dcd_settings: optional(irqSettings()),
  });

export const getEventInterruptPolicy = defineCommand({
  name: 'get_event_interrupt_policy',
  method: 'getEventInterruptPolicy',
  opcode: 0x0102,
  set: 'generic',
  title: 'Get Event Interrupt Policy',
  spec: '8.2.9.2.4',
  request: null,
  response: eventInterruptPolicy('cxlmi_cmd_get_event_interrupt_policy_rsp'),
});

export const setEventInterruptPolicy = defineCommand({
  name: 'set_event_interrupt_policy',
  method: 'setEventInterruptPolicy',
  opcode: 0x0103,
  set: 'generic',
  title: 'Set Event Interrupt Policy',
  spec: '8.2.9.2.5',
  request: eventInterruptPolicy('cxlmi_cmd_set_event_interrupt_policy_req'),
  response: null,
  effects: effectMask(['immediate_policy_change']),
});

/** Event bitmask of Table 8-57 / 8-58. */
const eventBits = () =>
  bitfield(u16, {
    informational: 0,
    warning: 1,
    failure: 2,
    fatal: 3,
    dynamic_capacity: 4,
    background_operation: 15,
  });

const mctpEventInterruptPolicy = (name: string) => struct(name, { event_interrupt_settings: eventBits() });

export const getMctpEventInterruptPolicy = defineCommand({
  name: 'get_mctp_event_interrupt_policy',
  method: 'getMctpEventInterruptPolicy',
  opcode: 0x0104,
  set: 'generic',
  title: 'Get MCTP Event Interrupt Policy',
  spec: '8.2.9.2.6',
  request: null,
  response: mctpEventInterruptPolicy('cxlmi_cmd_get_mctp_event_interrupt_policy_rsp'),
});

/** The spec echoes the settings in an output payload; libcxlmi ignores it, so it may be absent. */
const setMctpEventInterruptPolicyRsp = struct('cxlmi_cmd_set_mctp_event_interrupt_policy_rsp', {
  event_interrupt_settings: optional(eventBits()),
});

export const setMctpEventInterruptPolicy = defineCommand({
  name: 'set_mctp_event_interrupt_policy',
  method: 'setMctpEventInterruptPolicy',
  opcode: 0x0105,
  set: 'generic',
  title: 'Set MCTP Event Interrupt Policy',
  spec: '8.2.9.2.7',
  request: mctpEventInterruptPolicy('cxlmi_cmd_set_mctp_event_interrupt_policy_req'),
  response: setMctpEventInterruptPolicyRsp,
  effects: effectMask(['immediate_policy_change']),
});

export const eventNotification = defineCommand({
  name: 'event_notification',
  method: 'eventNotification',
  opcode: 0x0106,
  set: 'generic',
  title: 'Event Notification',
  spec: '8.2.9.2.8',
  request: struct('cxlmi_cmd_event_notification_req', { event: eventBits() }),
  response: null,
});
