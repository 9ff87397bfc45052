import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiDecodeError } from '../../../src/errors.js';
import {
  array,
  bitfield,
  bits,
  bytes,
  optional,
  reserved,
  scaled,
  str,
  struct,
  u8,
  u16,
  u32,
  u64,
  uuid,
  varArray,
} from '../../../src/protocol/layout/index.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

describe('layout: bytes, strings and UUIDs', () => {
  it('fixed bytes decode as a view and encode zero-padded', () => {
    const L = struct('fb', { data: bytes(4) });
    const src = b(1, 2, 3, 4);
    const v = L.decode(src);
    assert.deepEqual([...v.data], [1, 2, 3, 4]);
    assert.equal(v.data.buffer, src.buffer);
    assert.deepEqual([...L.encode({ data: b(9, 8) })], [9, 8, 0, 0]);
    assert.throws(() => L.encode({ data: b(1, 2, 3, 4, 5) }), /at most 4 fit/);
    assert.throws(() => L.encode({ data: [1, 2] as never }), TypeError);
  });

  it('ASCII strings are cut at the first NUL and NUL-padded on encode', () => {
    // "FW1.0" in a 16-byte field (e.g. a firmware revision, CXL r3.1 Table 8-62)
    const L = struct('s', { rev: str(8) });
    assert.deepEqual(L.decode(b(0x46, 0x57, 0x31, 0x2e, 0x30, 0, 0x41, 0x41)), { rev: 'FW1.0' });
    assert.deepEqual([...L.encode({ rev: 'FW1.0' })], [0x46, 0x57, 0x31, 0x2e, 0x30, 0, 0, 0]);
    assert.throws(() => L.encode({ rev: 'way too long' }), RangeError);
    assert.throws(() => L.encode({ rev: 'é' }), /ASCII/);
  });

  it('UUIDs keep wire byte order', () => {
    // The CEL's log identifier 0da9c0b5-bf41-4b78-8f79-96b1623b3f17, bytes as they appear on the wire.
    const wire = b(
      0x0d,
      0xa9,
      0xc0,
      0xb5,
      0xbf,
      0x41,
      0x4b,
      0x78,
      0x8f,
      0x79,
      0x96,
      0xb1,
      0x62,
      0x3b,
      0x3f,
      0x17,
    );
    const L = struct('u', { id: uuid });
    assert.deepEqual(L.decode(wire), { id: '0da9c0b5-bf41-4b78-8f79-96b1623b3f17' });
    assert.deepEqual([...L.encode({ id: '0DA9C0B5-BF41-4B78-8F79-96B1623B3F17' })], [...wire]);
    assert.throws(() => L.encode({ id: 'not-a-uuid' }), TypeError);
  });
});

describe('layout: structs and arrays', () => {
  const Entry = struct('entry', { opcode: u16, effect: u16 });

  it('nests structs and fixed arrays at the right offsets', () => {
    const L = struct('outer', { hdr: u8, pair: array(Entry, 2), tail: u8 });
    const bytes_ = b(7, 0x01, 0x00, 0x02, 0x00, 0x00, 0x03, 0x20, 0x00, 9);
    assert.deepEqual(L.decode(bytes_), {
      hdr: 7,
      pair: [
        { opcode: 0x0001, effect: 0x0002 },
        { opcode: 0x0300, effect: 0x0020 },
      ],
      tail: 9,
    });
    assert.equal(L.size, 10);
    assert.deepEqual([...L.encode(L.decode(bytes_))], [...bytes_]);
  });

  it('variable arrays take their count from an earlier field and write it from the array length', () => {
    const L = struct('list', { num: u16, rsvd: reserved(2), entries: varArray(Entry, { count: 'num' }) });
    const v = L.decode(b(2, 0, 0xff, 0xff, 0x01, 0x00, 0x00, 0x00, 0x00, 0x43, 0x07, 0x00));
    assert.equal(v.entries.length, 2);
    assert.deepEqual(v.entries[1], { opcode: 0x4300, effect: 0x0007 });
    const out = L.encode({ num: 99, entries: [{ opcode: 1, effect: 2 }] });
    assert.deepEqual([...out], [1, 0, 0, 0, 1, 0, 2, 0]);
    assert.equal(L.minSize, 4);
    assert.equal(L.size, undefined);
  });

  it('a count larger than the bytes that arrived is a decode error, not an allocation', () => {
    const L = struct('list', { num: u32, entries: varArray(Entry, { count: 'num' }) });
    assert.throws(
      () => L.decode(b(0xff, 0xff, 0xff, 0x7f, 1, 2, 3, 4), 'get_something'),
      (e: unknown) =>
        e instanceof CxlmiDecodeError &&
        e.command === 'get_something' &&
        e.field === 'entries' &&
        /claims 2147483647 entries of 4 bytes but only 4 bytes remain/.test(e.message),
    );
  });

  it("'rest' arrays take every whole element that arrived", () => {
    const L = struct('rest', { n: u8, entries: varArray(Entry, 'rest') });
    assert.equal(L.decode(b(0, 1, 0, 2, 0, 3, 0, 4, 0)).entries.length, 2);
    assert.equal(L.decode(b(0)).entries.length, 0);
    assert.throws(() => L.decode(b(0, 1, 0, 2, 0, 3, 0)), /6 bytes remain \(2 left over\)/);
  });

  it('byte runs sized by a field or by the rest of the payload', () => {
    const L = struct('blob', { len: u8, data: bytes({ count: 'len' }), trailer: bytes('rest') });
    const v = L.decode(b(2, 0xaa, 0xbb, 0xcc));
    assert.deepEqual([...v.data], [0xaa, 0xbb]);
    assert.deepEqual([...v.trailer], [0xcc]);
    assert.deepEqual([...L.encode({ len: 0, data: b(1, 2, 3), trailer: b(4) })], [3, 1, 2, 3, 4]);
    assert.throws(() => L.decode(b(5, 1)), /claims 5 bytes but only 1 bytes remain/);
  });
});

describe('layout: bit fields', () => {
  it('bits() flattens C bit-fields into the parent', () => {
    // e.g. a byte holding a 3-bit and a 5-bit field
    const L = struct('bf', { _b0: bits(u8, { low: [0, 3], high: [3, 5] }), next: u8 });
    assert.deepEqual(L.decode(b(0b10101_110, 7)), { low: 0b110, high: 0b10101, next: 7 });
    assert.deepEqual([...L.encode({ low: 0b110, high: 0b10101, next: 7 })], [0b10101_110, 7]);
    assert.throws(() => L.encode({ low: 8, high: 0, next: 0 }), RangeError);
  });

  it('bitfield() keeps the whole value and adds a decoded view', () => {
    // Background Operation Status "Background Operation Status" byte: bit 0 in progress, bits 7:1 percent.
    const L = struct('bg', { status: bitfield(u8, { in_progress: 0, percent_complete: [1, 7] }) });
    const v = L.decode(b((50 << 1) | 1));
    assert.equal(v.status, 101);
    assert.deepEqual(v.status_bits, { in_progress: true, percent_complete: 50 });
    assert.deepEqual([...L.encode({ status: 0x80 })], [0x80]);
  });

  it('rejects bit fields that do not fit their base', () => {
    assert.throws(() => bits(u8, { x: [6, 3] }), RangeError);
  });
});

describe('layout: revision tolerance', () => {
  // A response that grew a trailing field in a later revision.
  const L = struct('grow', { a: u16, b: u8, c: optional(u16), d: optional(u8) });

  it('a response that ends at a field boundary of an older revision marks the rest absent', () => {
    assert.deepEqual(L.decode(b(1, 0, 2)), { a: 1, b: 2, c: undefined, d: undefined });
    assert.deepEqual(L.decode(b(1, 0, 2, 3, 0)), { a: 1, b: 2, c: 3, d: undefined });
    assert.deepEqual(L.decode(b(1, 0, 2, 3, 0, 4)), { a: 1, b: 2, c: 3, d: 4 });
    assert.equal(L.minSize, 3);
    assert.equal(L.fullFixedSize, 6);
  });

  it('a response that ends inside a field is an error naming it', () => {
    assert.throws(
      () => L.decode(b(1, 0, 2, 3), 'cmd'),
      (e: unknown) => e instanceof CxlmiDecodeError && e.field === 'c' && e.offset === 3,
    );
    assert.throws(
      () => L.decode(b(1, 0)),
      (e: unknown) =>
        e instanceof CxlmiDecodeError && e.field === 'b' && /payload ends inside grow\.b/.test(e.message),
    );
  });

  it('a longer response keeps its extra bytes', () => {
    const v = L.decode(b(1, 0, 2, 3, 0, 4, 0xee, 0xff));
    assert.deepEqual([...(v._extra as Uint8Array)], [0xee, 0xff]);
  });

  it('encoding stops at the first absent optional field', () => {
    assert.deepEqual([...L.encode({ a: 1, b: 2 })], [1, 0, 2]);
    assert.deepEqual([...L.encode({ a: 1, b: 2, c: 3 })], [1, 0, 2, 3, 0]);
  });

  it('a required field after an optional one is refused at declaration', () => {
    assert.throws(() => struct('bad', { a: optional(u8), b: u8 }), /must be optional/);
  });

  it('zero() builds every field, optional ones included', () => {
    assert.deepEqual(L.zero(), { a: 0, b: 0, c: 0, d: 0 });
  });
});

describe('layout: assignTo (the compat functions fill out-structures with it)', () => {
  // Every kind of decoded key: ints, a bitfield's view, C bit-fields flattened into the parent, a
  // counted array, a scaled field's extra key, an absent optional field.
  const L = struct('all_kinds', {
    a: u8,
    flags: bitfield(u8, { low: [0, 3], high: [4, 4] }),
    _b0: bits(u8, { n: [0, 2], spare: [2, 6] }),
    list: varArray(u16, { count: 'n' }),
    cap: scaled(u64, 256n),
    tail: optional(u32),
  });

  it('copies exactly what Object.assign copies, in the same key order, _extra included', () => {
    const wire = b(7, 0x5a, 2, 1, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0);
    for (const bytes of [wire, b(...wire, 1, 2, 3, 4, 9, 9)]) {
      const v = L.decode(bytes);
      const expected = Object.assign({ a: -1, stale: true }, v);
      const got: Record<string, unknown> = { a: -1, stale: true };
      L.compiled.assignTo(got, v);
      assert.deepEqual(got, expected);
      assert.deepEqual(Object.keys(got), Object.keys(expected));
    }
    assert.ok('_extra' in L.decode(b(...wire, 1, 2, 3, 4, 9, 9)), 'the second case carries extra bytes');
  });
});
