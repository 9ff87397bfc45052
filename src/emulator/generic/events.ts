/**
 * Emulator side of the Events command set (CXL r3.1 §8.2.9.2): one log per event type, the
 * event interrupt policies, and injection of records of any kind the spec defines.
 */

import { EVENT_RECORD_SIZE, eventRecord } from '../../commands/generic/events/common.js';
import { type EventDataIn, encodeEventData } from '../../commands/generic/events/decode.js';
import { EVENT_RECORD_KINDS, type EventRecordKind } from '../../commands/generic/events/kinds.js';
import {
  clearEventRecords,
  eventNotification,
  getEventInterruptPolicy,
  getEventRecords,
  getMctpEventInterruptPolicy,
  setEventInterruptPolicy,
  setMctpEventInterruptPolicy,
} from '../../commands/generic/events.js';
import { CxlmiUsageError } from '../../errors.js';
import { CXLMI_EVENT_LOG_DCD, CXLMI_EVENT_LOG_INFO } from '../../protocol/constants.js';
import { CXLMI_RET_INPUT, CXLMI_RET_PAYLOADLEN } from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';
import { EventLog } from './event-log.js';
import type { ResponseLimit } from './response-limit.js';

/** Size of the Get Event Records output header (Table 8-53). */
const GET_RECORDS_HEADER = 0x20;
/** Clear Event Records input before the handles (Table 8-54). */
const CLEAR_HEADER = 6;
/** MCTP event interrupt bits that are defined (Table 8-57): logs 0-4 and bit 15. */
const MCTP_POLICY_BITS = 0x801f;

export interface EventInjection {
  /** Event Record Flags (Table 8-43): severity in bits 1:0 and the condition bits. */
  flags?: number;
  related_handle?: number;
  maint_op_class?: number;
  maint_op_subclass?: number;
  ld_id?: number;
  head_id?: number;
}

export interface EventStateOptions {
  /** Records each log holds before it overflows (default 16). */
  capacity?: number;
}

export class EventState {
  readonly logs: readonly EventLog[];
  /** Interrupt Settings bytes for the five logs (Tables 8-55 / 8-56). */
  readonly interruptPolicy = new Uint8Array(CXLMI_EVENT_LOG_DCD + 1);
  /** MCTP Event Interrupt Settings (Table 8-57). */
  mctpPolicy = 0;
  readonly #now: () => bigint;

  constructor(now: () => bigint, opts: EventStateOptions = {}) {
    const capacity = opts.capacity ?? 16;
    this.logs = Array.from({ length: CXLMI_EVENT_LOG_DCD + 1 }, () => new EventLog(capacity));
    this.#now = now;
  }

  log(n: number): EventLog {
    const log = this.logs[n];
    if (!log) throw new DeviceReturn(CXLMI_RET_INPUT);
    return log;
  }

  /**
   * Records an event of a spec-defined kind in a log (Informational unless given). Returns the
   * record's handle, or undefined when the log had overflowed.
   */
  inject<K extends EventRecordKind>(
    kind: K,
    data: Partial<EventDataIn<K>>,
    opts: EventInjection & { log?: number } = {},
  ): number | undefined {
    return this.injectRaw(EVENT_RECORD_KINDS[kind].uuid, encodeEventData(kind, data), opts);
  }

  /** Records an event whose data is given as raw bytes (a vendor-specific UUID, say). */
  injectRaw(
    uuid: string,
    data: Uint8Array,
    opts: EventInjection & { log?: number } = {},
  ): number | undefined {
    const logNo = opts.log ?? CXLMI_EVENT_LOG_INFO;
    const log = this.logs[logNo];
    if (!log) throw new CxlmiUsageError(`event log ${logNo} does not exist`);
    const bytes = eventRecord.encode({
      uuid,
      length: EVENT_RECORD_SIZE,
      flags: opts.flags ?? logNo,
      handle: 0,
      related_handle: opts.related_handle ?? 0,
      timestamp: 0n,
      maint_op_class: opts.maint_op_class ?? 0,
      maint_op_subclass: opts.maint_op_subclass ?? 0,
      ld_id: opts.ld_id ?? 0,
      head_id: opts.head_id ?? 0,
      data,
    });
    return log.add(bytes, this.#now());
  }
}

export function registerEvents(device: EmulatedDevice, events: EventState, limit: ResponseLimit): void {
  device.handle(getEventRecords, (req) => {
    const log = events.log(req.event_log);
    const max = Math.max(0, Math.floor((limit.bytes - GET_RECORDS_HEADER) / EVENT_RECORD_SIZE));
    const recs = log.peek(Math.min(max, 0xffff));
    const ov = log.overflow;
    return {
      flags: (log.overflowed ? 1 : 0) | (log.size > recs.length ? 2 : 0),
      overflow_err_count: ov.count,
      first_overflow_timestamp: ov.first,
      last_overflow_timestamp: ov.last,
      record_count: recs.length,
      records: recs.map((r) => eventRecord.decode(r.bytes)),
    };
  });

  device.handle(clearEventRecords, (req, ctx) => {
    if (ctx.payload.length < CLEAR_HEADER + 2 * req.nr_recs) throw new DeviceReturn(CXLMI_RET_PAYLOADLEN);
    const log = events.log(req.event_log);
    if (req.clear_flags & 1) {
      if (req.nr_recs !== 0) throw new DeviceReturn(CXLMI_RET_INPUT);
      log.clearAll();
      return;
    }
    log.clear(req.handles);
  });

  device.handle(getEventInterruptPolicy, () => ({
    informational_settings: events.interruptPolicy[0] as number,
    warning_settings: events.interruptPolicy[1] as number,
    failure_settings: events.interruptPolicy[2] as number,
    fatal_settings: events.interruptPolicy[3] as number,
    dcd_settings: events.interruptPolicy[4] as number,
  }));

  device.handle(setEventInterruptPolicy, (req) => {
    const next = [req.informational_settings, req.warning_settings, req.failure_settings, req.fatal_settings];
    for (const s of next) if ((s & 3) === 3) throw new DeviceReturn(CXLMI_RET_INPUT);
    const dcd = req.dcd_settings;
    // The Dynamic Capacity log has no FW interrupt mode (Table 8-56).
    if (dcd !== undefined && (dcd & 3) >= 2) throw new DeviceReturn(CXLMI_RET_INPUT);
    events.interruptPolicy.set(next, 0);
    if (dcd !== undefined) events.interruptPolicy[4] = dcd & 3;
  });

  device.handle(getMctpEventInterruptPolicy, () => ({ event_interrupt_settings: events.mctpPolicy }));

  device.handle(setMctpEventInterruptPolicy, (req) => {
    if (req.event_interrupt_settings & ~MCTP_POLICY_BITS) throw new DeviceReturn(CXLMI_RET_INPUT);
    events.mctpPolicy = req.event_interrupt_settings;
    return { event_interrupt_settings: events.mctpPolicy };
  });

  // A component's CCI discards Event Notifications sent to it (r3.1 §8.2.9.2.8); the emulator
  // acknowledges them instead of staying silent, so callers are not left waiting for a timeout.
  device.handle(eventNotification, () => undefined);
}
