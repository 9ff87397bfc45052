import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  reserved,
  s8,
  s16,
  s32,
  s64,
  struct,
  u8,
  u16,
  u24,
  u32,
  u64,
} from '../../../src/protocol/layout/index.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

describe('layout: little-endian integers', () => {
  const L = struct('ints', { a: u8, b: u16, c: u24, d: u32, e: u64 });

  it('decodes each width from hand-written bytes', () => {
    const v = L.decode(
      b(
        0x12,
        0x34,
        0x12,
        0x56,
        0x34,
        0x12,
        0x78,
        0x56,
        0x34,
        0x12,
        0xef,
        0xcd,
        0xab,
        0x89,
        0x67,
        0x45,
        0x23,
        0x01,
      ),
    );
    assert.deepEqual(v, { a: 0x12, b: 0x1234, c: 0x123456, d: 0x12345678, e: 0x0123456789abcdefn });
  });

  it('encodes to the same bytes', () => {
    const out = L.encode({ a: 0x12, b: 0x1234, c: 0x123456, d: 0x12345678, e: 0x0123456789abcdefn });
    assert.deepEqual(
      [...out],
      [
        0x12, 0x34, 0x12, 0x56, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23,
        0x01,
      ],
    );
    assert.equal(L.size, 18);
  });

  it('reads all-ones as unsigned maxima', () => {
    const v = L.decode(new Uint8Array(18).fill(0xff));
    assert.deepEqual(v, { a: 255, b: 0xffff, c: 0xffffff, d: 0xffffffff, e: 0xffffffffffffffffn });
  });

  it('64-bit fields accept safe JavaScript numbers on encode', () => {
    const out = struct('t', { ts: u64 }).encode({ ts: 1234567890 });
    assert.deepEqual([...out], [0xd2, 0x02, 0x96, 0x49, 0, 0, 0, 0]);
  });

  it("signed integers are two's complement", () => {
    const S = struct('signed', { a: s8, b: s16, c: s32, d: s64 });
    // s8 -2, s16 -32768, s32 -1, s64 -2^63
    const bytes = b(0xfe, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0x80);
    assert.deepEqual(S.decode(bytes), { a: -2, b: -32768, c: -1, d: -(2n ** 63n) });
    assert.deepEqual([...S.encode({ a: -2, b: -32768, c: -1, d: -(2n ** 63n) })], [...bytes]);
    assert.throws(() => S.encode({ a: 128, b: 0, c: 0, d: 0n }), RangeError);
    assert.throws(() => S.encode({ a: 0, b: 0, c: 0, d: 2n ** 63n }), RangeError);
  });

  it('rejects values that do not fit, non-integers and missing fields', () => {
    assert.throws(() => L.encode({ a: 256, b: 0, c: 0, d: 0, e: 0n }), /ints\.a = 256 does not fit a u8/);
    assert.throws(() => L.encode({ a: -1, b: 0, c: 0, d: 0, e: 0n }), RangeError);
    assert.throws(() => L.encode({ a: 1.5, b: 0, c: 0, d: 0, e: 0n }), RangeError);
    assert.throws(() => L.encode({ a: 0, b: 0x10000, c: 0, d: 0, e: 0n }), RangeError);
    assert.throws(() => L.encode({ a: 0, b: 0, c: 0x1000000, d: 0, e: 0n }), RangeError);
    assert.throws(() => L.encode({ a: 0, b: 0, c: 0, d: 2 ** 32, e: 0n }), RangeError);
    assert.throws(() => L.encode({ a: 0, b: 0, c: 0, d: 0, e: 1n << 64n }), RangeError);
    assert.throws(() => L.encode({ a: 0, b: 0, c: 0, d: 0, e: -1n }), RangeError);
    assert.throws(() => L.encode({ a: '1', b: 0, c: 0, d: 0, e: 0n } as never), TypeError);
    assert.throws(() => L.encode({ b: 0, c: 0, d: 0, e: 0n } as never), /ints\.a is missing/);
  });

  it('reserved bytes are skipped on decode, zero on encode and absent from the value', () => {
    const R = struct('r', { a: u8, rsvd: reserved(3), b: u8 });
    assert.deepEqual(R.decode(b(1, 0xaa, 0xbb, 0xcc, 2)), { a: 1, b: 2 });
    assert.deepEqual([...R.encode({ a: 1, b: 2 })], [1, 0, 0, 0, 2]);
    assert.equal(R.size, 5);
  });
});
