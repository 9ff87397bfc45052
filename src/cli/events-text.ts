/** Event records as one line each, for `cxlmi events list|follow`. */
import { EVENT_RECORD_KINDS, type EventRecordKind } from '../commands/generic/events/kinds.js';
import { nsToIso } from './time.js';

export { EVENT_LOGS, type EventLogName } from './event-log-names.js';

const SEVERITY = ['informational', 'warning', 'failure', 'fatal'];

/** Fields worth a glance, in the order shown, when a record's kind has them. */
const GLANCE: [string, (v: any) => string][] = [
  ['phys_addr', (v: bigint) => `DPA 0x${(v & ~0x3fn).toString(16)}`],
  ['type', (v: number) => `type ${v}`],
  ['event_type', (v: number) => `event type ${v}`],
  ['life_used', (v: number) => `life used ${v}%`],
  ['device_temperature', (v: number) => `${v} °C`],
  [
    'extent',
    (v: { start_dpa: bigint; length: bigint }) =>
      `extent 0x${v.start_dpa.toString(16)}+0x${v.length.toString(16)}`,
  ],
];

export interface RecordLike {
  handle: number;
  timestamp: bigint;
  flags_bits: { severity: number };
  event: { kind: string } & Record<string, unknown>;
}

export function kindTitle(kind: string): string {
  return kind in EVENT_RECORD_KINDS ? EVENT_RECORD_KINDS[kind as EventRecordKind].title : 'vendor-specific';
}

export function glance(event: RecordLike['event']): string {
  const parts = GLANCE.filter(([k]) => event[k] !== undefined).map(([k, f]) => f(event[k]));
  if (event.kind === 'unknown') parts.push(`${(event.data as Uint8Array).length} bytes of data`);
  return parts.join(', ');
}

export function recordRow(log: string, r: RecordLike): string[] {
  return [
    log,
    String(r.handle),
    nsToIso(r.timestamp),
    SEVERITY[r.flags_bits.severity] ?? String(r.flags_bits.severity),
    kindTitle(r.event.kind),
    glance(r.event),
  ];
}

export const RECORD_HEAD = ['LOG', 'HANDLE', 'TIMESTAMP', 'SEVERITY', 'KIND', 'DETAIL'];
