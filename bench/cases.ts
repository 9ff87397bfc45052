/**
 * Codec cases: request values and response payloads as devices send them. Payloads are built once
 * here (with the device-side encoder where a hand-written buffer would only be long, not clearer).
 */

import { GENERAL_MEDIA_EVENT_UUID } from '../src/commands/generic/events/general-media.js';
import { getEventRecords } from '../src/commands/generic/events.js';
import { CEL_UUID } from '../src/commands/generic/logs.js';
import { getHealthInfo } from '../src/commands/memdev/health.js';
import { CXLMI_MAX_SUPPORTED_EVENT_RECORDS } from '../src/protocol/constants.js';
import type { CodecCase } from './codec.js';

const eventRecords = getEventRecords.response.encode({
  flags: 0,
  overflow_err_count: 0,
  first_overflow_timestamp: 0n,
  last_overflow_timestamp: 0n,
  record_count: CXLMI_MAX_SUPPORTED_EVENT_RECORDS,
  records: Array.from({ length: CXLMI_MAX_SUPPORTED_EVENT_RECORDS }, (_, i) => ({
    uuid: GENERAL_MEDIA_EVENT_UUID,
    length: 128,
    flags: 0,
    handle: i + 1,
    related_handle: 0,
    timestamp: 1_700_000_000_000_000_000n + BigInt(i),
    maint_op_class: 0,
    maint_op_subclass: 0,
    ld_id: 0,
    head_id: 0,
    data: new Uint8Array(0x50).fill(i),
  })),
} as never);

/** A CEL of 64 entries (opcode, effect), 4 bytes each. */
const cel = Uint8Array.from({ length: 64 * 4 }, (_, i) => (i % 4 === 1 ? 0x40 + (i >> 6) : i & 0xff));

export const codecCases: CodecCase[] = [
  {
    name: 'identify',
    command: 'identify',
    // CXL r3.1 Table 8-38: 18 bytes
    response: Uint8Array.from([0x36, 0x1b, 0x93, 0x0d, 0x36, 0x1b, 1, 0, 8, 7, 6, 5, 4, 3, 2, 1, 12, 3]),
  },
  {
    name: 'get_health_info',
    command: getHealthInfo.name,
    response: Uint8Array.from([0, 0, 0, 3, 35, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]),
  },
  {
    name: `get_event_records (${CXLMI_MAX_SUPPORTED_EVENT_RECORDS} general media records)`,
    command: 'get_event_records',
    request: { event_log: 1 },
    response: eventRecords,
  },
  {
    name: 'get_log CEL (64 entries)',
    command: 'get_log',
    request: { uuid: CEL_UUID, offset: 0, length: cel.length },
    response: cel,
  },
  {
    name: 'set_timestamp',
    command: 'set_timestamp',
    request: { timestamp: 1_700_000_000_000_000_000n },
    response: new Uint8Array(0),
  },
];
