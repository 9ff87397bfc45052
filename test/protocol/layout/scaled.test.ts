import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optional, scaled, struct, u8, u64 } from '../../../src/protocol/layout/index.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

describe('layout: scaled()', () => {
  // e.g. a capacity in 256 MiB units (CXL r3.1 Get Partition Info), 8 bytes little-endian.
  const unit = 256n * 1024n * 1024n;
  const L = struct('cap', { cap: scaled(u64, unit), extra: optional(scaled(u64, 64n, 'lines_bytes')) });

  it('keeps the wire value and adds the scaled view', () => {
    const v = L.decode(b(3, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0));
    assert.equal(v.cap, 3n);
    assert.equal(v.cap_bytes, 3n * unit);
    assert.equal(v.extra, 2n);
    assert.equal(v.extra_lines_bytes, 128n);
  });

  it('encodes from the unit count only', () => {
    assert.deepEqual([...L.encode({ cap: 5n })], [5, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual([...L.encode({ cap: 1, extra: 1n })], [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('leaves the view absent with its optional field, and zero() fills it', () => {
    const v = L.decode(b(1, 0, 0, 0, 0, 0, 0, 0));
    assert.equal(v.extra, undefined);
    assert.equal(v.extra_lines_bytes, undefined);
    assert.deepEqual(L.zero(), { cap: 0n, cap_bytes: 0n, extra: 0n, extra_lines_bytes: 0n });
  });

  it('checks its arguments', () => {
    assert.throws(() => scaled(u64, 0n), RangeError);
    assert.throws(() => scaled(u64, 2n, 'not ok'), RangeError);
    assert.equal(struct('s', { n: u8 }).size, 1);
  });
});
