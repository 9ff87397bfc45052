import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getTimestamp, setTimestamp } from '../../../src/commands/generic/timestamp.js';

// CXL r3.1 Tables 8-57 / 8-58: one 8-byte timestamp (ns since the epoch), little-endian.
describe('Get/Set Timestamp (0300h/0301h)', () => {
  it('Set Timestamp encodes 8 little-endian bytes', () => {
    assert.equal(setTimestamp.opcode, 0x0301);
    const p = setTimestamp.encodeRequest({ timestamp: 0x1122334455667788n });
    assert.deepEqual([...p], [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
  });

  it('Get Timestamp decodes the same layout', () => {
    assert.equal(getTimestamp.opcode, 0x0300);
    const v = getTimestamp.response.decode(Uint8Array.from([0x00, 0xca, 0x9a, 0x3b, 0, 0, 0, 0]));
    assert.equal(v.timestamp, 1_000_000_000n);
  });

  it('rejects a short Get Timestamp response', () => {
    assert.throws(() => getTimestamp.response.decode(new Uint8Array(7)), /timestamp/);
  });
});
