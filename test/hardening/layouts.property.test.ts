/**
 * Properties over every layout in the command table (they grow with it):
 *  - encode → decode → encode gives the same bytes, and decode gives back every field;
 *  - decoding arbitrary bytes either succeeds or throws CxlmiDecodeError, never anything else;
 *  - a length/count field that lies never makes the decoder allocate what did not arrive.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AnyCommand } from '../../src/commands/define.js';
import { commandTable } from '../../src/commands/table.js';
import { CxlmiDecodeError } from '../../src/errors.js';
import {
  array,
  bitfield,
  bits,
  bytes,
  optional,
  reserved,
  s8,
  s16,
  s64,
  str,
  struct,
  u8,
  u16,
  u24,
  u32,
  u64,
  uuid,
  varArray,
} from '../../src/protocol/layout/index.js';
import type { StructLayout } from '../../src/protocol/layout/struct.js';
import { countFields, layoutArb } from '../helpers/arbitrary.js';

const Entry = struct('entry', { id: uuid, len: u8, _b0: bits(u8, { a: [0, 3], b: [3, 5] }), v: s16 });
const layouts: [string, StructLayout][] = [
  // Synthetic layouts that use every field kind, so the properties exercise the whole language.
  [
    'synthetic: every kind',
    struct('synthetic', {
      n: u8,
      flags: bitfield(u16, { x: 0, y: [4, 4] }),
      rsvd: reserved(3),
      name: str(6),
      fixed: array(u32, 2),
      entries: varArray(Entry, { count: 'n' }),
      len: u16,
      blob: bytes({ count: 'len' }),
      big: u64,
      sbig: s64,
      tail: optional(u24),
      tail2: optional(s8),
    }),
  ],
  ['synthetic: rest arrays', struct('rest', { a: u16, items: varArray(u32, 'rest') })],
  ['synthetic: rest bytes', struct('restb', { a: u8, data: bytes('rest') })],
];
for (const c of commandTable as readonly AnyCommand[]) {
  if (c.request) layouts.push([`${c.name} request`, c.request]);
  // A response decoded with its request (decodeResponse) is not self-delimiting on its own.
  if (c.response && !c.decodeResponse) layouts.push([`${c.name} response`, c.response]);
}

/** Drops what decode adds on its own (`*_bits` and scaled `*_bytes` views, `_extra`) before comparing. */
function comparable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(comparable);
  if (v instanceof Uint8Array) return [...v];
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.endsWith('_bits') || k === '_extra' || x === undefined) continue;
      if (k.endsWith('_bytes') && k.slice(0, -6) in v) continue;
      out[k] = comparable(x);
    }
    return out;
  }
  return v;
}

/** Keeps only the keys `like` has: decoding may add derived fields (a layout's view) that encode does not take. */
function onlyKeysOf(v: unknown, like: unknown): unknown {
  if (Array.isArray(v) && Array.isArray(like)) return v.map((x, i) => onlyKeysOf(x, like[i]));
  if (v && like && typeof v === 'object' && typeof like === 'object' && !Array.isArray(v)) {
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(like)) if (k in src) out[k] = onlyKeysOf(src[k], x);
    return out;
  }
  return v;
}

const RUNS = Number(process.env.CXLMI_PROPERTY_RUNS ?? 200);

describe('every layout in the command table', () => {
  it('has at least the foundation commands', () => {
    assert.ok(layouts.length >= 7);
  });

  for (const [name, layout] of layouts) {
    it(`${name}: encode/decode round trip`, () => {
      fc.assert(
        fc.property(layoutArb(layout), (v) => {
          const bytes = layout.encode(v as never);
          const back = layout.decode(bytes);
          assert.deepEqual([...layout.encode(back as never)], [...bytes]);
          const expect = comparable(v) as Record<string, unknown>;
          for (const k of countFields(layout).keys()) delete expect[k];
          const got = onlyKeysOf(comparable(back), expect) as Record<string, unknown>;
          for (const k of countFields(layout).keys()) delete got[k];
          assert.deepEqual(got, expect);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${name}: arbitrary bytes decode or throw CxlmiDecodeError`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: (layout.fullFixedSize || 16) * 2 + 64 }), (bytes) => {
          try {
            layout.decode(bytes, name);
          } catch (e) {
            if (!(e instanceof CxlmiDecodeError)) throw e;
          }
        }),
        { numRuns: RUNS },
      );
    });
  }
});
