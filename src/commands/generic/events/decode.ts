/** Decoding (and, for the emulator, encoding) an event record's data by its UUID. */
import { CxlmiUsageError } from '../../../errors.js';
import type { Infer, InferIn } from '../../../protocol/layout/index.js';
import { EVENT_RECORD_KINDS, type EventRecordKind } from './kinds.js';

type Kinds = typeof EVENT_RECORD_KINDS;

/** A record's data decoded into the fields of its kind, or kept raw when the UUID is unknown. */
export type EventData =
  | { [K in EventRecordKind]: { kind: K } & Infer<Kinds[K]['layout']> }[EventRecordKind]
  | { kind: 'unknown'; data: Uint8Array };

/** The fields of one kind, as the emulator and tests write them. */
export type EventDataIn<K extends EventRecordKind> = InferIn<Kinds[K]['layout']>;

const byUuid = new Map<string, EventRecordKind>(
  (Object.keys(EVENT_RECORD_KINDS) as EventRecordKind[]).map((k) => [EVENT_RECORD_KINDS[k].uuid, k]),
);

/** The kind a UUID names, if the spec defines it. */
export function eventKindOf(uuid: string): EventRecordKind | undefined {
  return byUuid.get(uuid);
}

const contexts = Object.fromEntries(
  (Object.keys(EVENT_RECORD_KINDS) as EventRecordKind[]).map((k) => [k, `event record (${k})`]),
) as Record<EventRecordKind, string>;

/**
 * Decodes the 0x50 data bytes of a record whose Event Record Identifier is `uuid`. The decoded
 * object gets its `kind` added in place (no copy: this runs for every record of every response).
 */
export function decodeEventData(uuid: string, data: Uint8Array): EventData {
  const kind = byUuid.get(uuid);
  if (kind === undefined) return { kind: 'unknown', data };
  const fields = EVENT_RECORD_KINDS[kind].layout.decode(data, contexts[kind]) as { kind?: string };
  fields.kind = kind;
  return fields as EventData;
}

/** Encodes the data bytes of a record of a known kind; fields left out are zero. */
export function encodeEventData<K extends EventRecordKind>(
  kind: K,
  fields: Partial<EventDataIn<K>>,
): Uint8Array {
  const entry = EVENT_RECORD_KINDS[kind];
  if (!entry) throw new CxlmiUsageError(`unknown event record kind ${String(kind)}`);
  const layout = entry.layout as unknown as {
    zero(): object;
    encode(v: unknown, c?: string): Uint8Array;
  };
  return layout.encode({ ...layout.zero(), ...fields }, `event record (${kind})`);
}
