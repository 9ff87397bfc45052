/**
 * Any decoded response as aligned text for people: field names are the library's (the same keys
 * `--json` prints), capacities in human units, bit fields with their decoded flags, nested
 * structures indented, arrays of records as tables.
 */
import { bitmaskIds } from '../endpoint/fabric.js';
import { readUuid } from '../protocol/layout/index.js';
import { humanBytes, isUuidBytes, keyValues, table } from './output.js';

export interface RenderHints {
  /** Fields printed in hex, with the number of hex digits to pad to (0 = no padding). */
  hex?: Record<string, number>;
  /** Own formatting for a field; gets the value and the object holding it. */
  format?: Record<string, (value: any, holder: Record<string, unknown>) => string>;
  /** Fields left out of the text (they stay in --json). */
  hide?: readonly string[];
  /** Whether the table header may be bold. */
  color?: boolean;
}

/** Fields shown in hex unless a hint says otherwise. */
const HEX_KEYS =
  /^(base|vendor_id|device_id|subsys_vendor_id|subsys_id|serial_num|opcode|vid|did|svid|ssid|sn|dpa|dpa_start|start_dpa|address|handle)$|(_mask|_addr|_address|_handle|_opcode)$/;

/** Fields that hold a size in bytes (no `_bytes` companion): shown in KiB/MiB/GiB. */
const BYTE_KEYS =
  /^(len|length|region_len|block_size|block_sz|dpa_range_granularity|memory_size|total_capacity_bytes)$/;

/** Fields holding one bit per host (or port): shown as the list of the ids set. */
const BITMAP_KEYS = /(^|_)ref_bitmap$/;

type Obj = Record<string, unknown>;

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v);
}

export function hexOf(v: number | bigint, digits = 0): string {
  return `0x${v.toString(16).padStart(digits, '0')}`;
}

function bytesText(b: Uint8Array): string {
  if (b.length === 0) return '(none)';
  const shown = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 32)).toString('hex');
  return b.length > 32 ? `${shown}… (${b.length} bytes)` : shown;
}

/** `{ in_progress: true, percent_complete: 40 }` → "in_progress, percent_complete=40". */
function flagsText(bits: Obj): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(bits)) {
    if (v === true) parts.push(k);
    else if (typeof v === 'number' && v !== 0) parts.push(`${k}=${v}`);
  }
  return parts.length ? parts.join(', ') : 'none';
}

function scalarText(key: string, v: unknown, holder: Obj, h: RenderHints): string {
  const f = h.format?.[key];
  if (f) return f(v, holder);
  if (v === undefined) return 'not reported';
  if (v === null) return '-';
  const bytesView = holder[`${key}_bytes`];
  if (
    (typeof v === 'bigint' || typeof v === 'number') &&
    (typeof bytesView === 'bigint' || typeof bytesView === 'number')
  ) {
    return `${humanBytes(bytesView)} (${v})`;
  }
  if ((typeof v === 'bigint' || typeof v === 'number') && BYTE_KEYS.test(key)) return humanBytes(v);
  if (typeof v === 'bigint' || typeof v === 'number') {
    const digits = h.hex?.[key];
    const text = digits !== undefined || HEX_KEYS.test(key) ? hexOf(v, digits ?? 0) : String(v);
    const bits = holder[`${key}_bits`];
    return isPlainObject(bits) ? `${text} (${flagsText(bits)})` : text;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v === '') return '(empty)';
  if (isUuidBytes(key, v)) return readUuid(v, 0);
  if (v instanceof Uint8Array && BITMAP_KEYS.test(key)) {
    const ids = bitmaskIds(v);
    return ids.length === 0 ? 'none' : `hosts ${ids.join(', ')}`;
  }
  if (v instanceof Uint8Array) return bytesText(v);
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map((x) => scalarText(key, x, {}, h)).join(', ');
  return String(v);
}

/** Keys that are another key's companion view (shown with it, not on their own). */
function isCompanion(key: string, holder: Obj): boolean {
  if (key.endsWith('_bits') && key.slice(0, -5) in holder) return true;
  if (key.endsWith('_bytes') && key.slice(0, -6) in holder) return true;
  return false;
}

function isRecordArray(v: unknown): v is Obj[] {
  return Array.isArray(v) && v.length > 0 && v.every(isPlainObject);
}

/** One table row per record; nested structures inside a record are shown as `key.sub`. */
export function recordTable(records: Obj[], h: RenderHints = {}): string {
  const flat = records.map((r) => flatten(r, h));
  const head = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return table(
    head,
    flat.map((r) => head.map((k) => r[k] ?? '')),
    h.color,
  );
}

function flatten(o: Obj, h: RenderHints, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (isCompanion(k, o) || h.hide?.includes(k)) continue;
    if (isPlainObject(v) && !h.format?.[k]) Object.assign(out, flatten(v, h, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = scalarText(k, v, o, h);
  }
  return out;
}

/** Text for one decoded value, indented by `indent` spaces. */
export function render(value: unknown, h: RenderHints = {}, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (!isPlainObject(value)) {
    if (isRecordArray(value)) return indentText(recordTable(value, h), pad);
    return `${pad}${scalarText('', value, {}, h)}`;
  }
  const blocks: string[] = [];
  let rows: [string, string][] = [];
  const flush = () => {
    if (rows.length) blocks.push(keyValues(rows));
    rows = [];
  };
  for (const [k, v] of Object.entries(value)) {
    if (isCompanion(k, value) || h.hide?.includes(k)) continue;
    if (h.format?.[k]) rows.push([`${pad}${k}`, scalarText(k, v, value, h)]);
    else if (isRecordArray(v)) {
      flush();
      blocks.push(`${pad}${k} (${v.length})`, indentText(recordTable(v, h), `${pad}  `));
    } else if (isPlainObject(v)) {
      flush();
      blocks.push(`${pad}${k}`, render(v, h, indent + 2));
    } else rows.push([`${pad}${k}`, scalarText(k, v, value, h)]);
  }
  flush();
  return blocks.join('\n');
}

function indentText(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
