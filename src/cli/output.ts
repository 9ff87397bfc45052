/** Shared output helpers: JSON that keeps 64-bit values exact, and aligned tables. */
import { createRequire } from 'node:module';
import type TableType from 'cli-table3';

/** cli-table3, loaded when the first table align.ts cannot draw is drawn (not at CLI start). */
let TableCtor: typeof TableType | undefined;
function tableCtor(): typeof TableType {
  TableCtor ??= createRequire(import.meta.url)('cli-table3') as typeof TableType;
  return TableCtor;
}

import { readUuid } from '../protocol/layout/index.js';
import { alignPlain } from './align.js';
import type { BigintMode } from './bigint-mode.js';

/**
 * Fields carried as 16 raw bytes that are UUIDs (Dynamic Capacity tags): shown and written in
 * the canonical UUID form like every other UUID (bytes in wire order, as the layouts' uuid fields).
 */
export function isUuidBytes(key: string, v: unknown): v is Uint8Array {
  return v instanceof Uint8Array && v.length === 16 && (key === 'tag' || key.endsWith('_tag'));
}

/**
 * JSON text where bigints are written as exact JSON numbers (or decimal strings with
 * `bigint: 'string'`) and byte arrays as hex strings; `indent` 0 gives one line (for streams of
 * records).
 */
export function toJson(value: unknown, indent = 2, bigint: BigintMode = 'number'): string {
  const marks: string[] = [];
  const text = JSON.stringify(
    value,
    (_k, v) => {
      if (typeof v === 'bigint') {
        if (bigint === 'string') return v.toString();
        marks.push(v.toString());
        return `\u0000big${marks.length - 1}\u0000`;
      }
      if (isUuidBytes(_k, v)) return readUuid(v, 0);
      if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
      return v;
    },
    indent,
  );
  return text.replace(/"\\u0000big(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)]);
}

const PLAIN = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** Rows of label/value pairs, aligned. */
export function keyValues(rows: [string, string][]): string {
  const plain = alignPlain(rows);
  if (plain !== undefined) return trimRight(plain);
  const t = new (tableCtor())({
    chars: PLAIN,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  t.push(...rows);
  return trimRight(t.toString());
}

function trimRight(text: string): string {
  return text.replace(/[ \t]+$/gm, '');
}

/** A table with a header row (bold only when `color`: see style.ts for when colour is on). */
export function table(head: string[], rows: string[][], color = false): string {
  const plain = color ? undefined : alignPlain([head, ...rows]);
  if (plain !== undefined) return trimRight(plain);
  const t = new (tableCtor())({
    head: color ? head.map((h) => `\u001b[1m${h}\u001b[22m`) : head,
    chars: PLAIN,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  t.push(...rows);
  return trimRight(t.toString());
}

export function hex(n: number | bigint, width: number): string {
  return `0x${n.toString(16).padStart(width, '0')}`;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
/** 268435456 → "256 MiB". */
export function humanBytes(n: number | bigint): string {
  let v = Number(n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1 && Number.isInteger(v / 1024)) {
    v /= 1024;
    u++;
  }
  if (v >= 1024 && u < UNITS.length - 1) {
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return `${v.toFixed(2)} ${UNITS[u]}`;
  }
  return `${v} ${UNITS[u]}`;
}

/** 131072 → "128 KiB (131072 bytes)"; under 1 KiB just "16 bytes". */
export function sizeText(n: number | bigint): string {
  return Number(n) < 1024 ? `${n} bytes` : `${humanBytes(n)} (${n} bytes)`;
}
