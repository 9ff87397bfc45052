import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiProtocolError } from '../../src/errors.js';
import { decodeHeader, decodeMessage, encodeHeader, encodeMessage } from '../../src/protocol/header.js';
import { CXLMI_RET_NO_BGABORT, RETCODE_COUNT } from '../../src/protocol/retcodes.js';

// CXL r3.1 Figure 7-19 (CCI Message Format): byte 0 category[3:0], byte 1 tag, byte 2 reserved,
// byte 3 command, byte 4 command set, bytes 5-7 payload length[20:0] + BO at bit 23,
// bytes 8-9 return code, bytes 10-11 vendor specific extended status.

describe('CCI message header', () => {
  it('encodes an Identify request (opcode 0001h, tag 5, no payload)', () => {
    const m = encodeMessage({ category: 0, tag: 5, opcode: 0x0001, payload: new Uint8Array(0) });
    assert.deepEqual([...m], [0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  });

  it('splits the opcode into command (byte 3) and command set (byte 4)', () => {
    const m = encodeMessage({ category: 0, tag: 0, opcode: 0x5300, payload: new Uint8Array(3) });
    assert.equal(m[3], 0x00);
    assert.equal(m[4], 0x53);
    assert.deepEqual([...m.subarray(5, 8)], [0x03, 0x00, 0x00]);
  });

  it('carries the largest 21-bit payload length and the BO bit in byte 7', () => {
    const buf = new Uint8Array(12);
    encodeHeader(
      {
        category: 1,
        tag: 0xff,
        opcode: 0x4400,
        payloadLength: 0x1fffff,
        background: true,
        retcode: 0x0016,
        vendorStatus: 0xabcd,
      },
      buf,
    );
    assert.deepEqual([...buf], [0x01, 0xff, 0x00, 0x00, 0x44, 0xff, 0xff, 0x9f, 0x16, 0x00, 0xcd, 0xab]);
    const h = decodeHeader(buf);
    assert.deepEqual(h, {
      category: 1,
      tag: 0xff,
      opcode: 0x4400,
      payloadLength: 0x1fffff,
      background: true,
      retcode: 0x16,
      vendorStatus: 0xabcd,
    });
  });

  it('reads a length with bit 20 set without confusing it with the BO bit', () => {
    const h = decodeHeader(Uint8Array.from([1, 0, 0, 0, 0, 0x00, 0x00, 0x10, 0, 0, 0, 0]));
    assert.equal(h.payloadLength, 0x100000);
    assert.equal(h.background, false);
  });

  it('ignores the reserved bits 22:21 of the length field', () => {
    const h = decodeHeader(Uint8Array.from([1, 0, 0, 0, 0, 0x02, 0x00, 0x60, 0, 0, 0, 0]));
    assert.equal(h.payloadLength, 2);
  });

  it('round-trips every return code the spec defines', () => {
    for (let rc = 0; rc <= CXLMI_RET_NO_BGABORT; rc++) {
      const m = encodeMessage({ category: 1, tag: 1, opcode: 1, payload: new Uint8Array(0), retcode: rc });
      assert.equal(m[8], rc);
      assert.equal(m[9], 0);
      assert.equal(decodeMessage(m).retcode, rc);
    }
    assert.equal(RETCODE_COUNT, 0x21);
  });

  it('rejects a length that does not fit 21 bits, and other out-of-range fields', () => {
    const buf = new Uint8Array(12);
    const base = {
      category: 0,
      tag: 0,
      opcode: 0,
      payloadLength: 0,
      background: false,
      retcode: 0,
      vendorStatus: 0,
    };
    assert.throws(() => encodeHeader({ ...base, payloadLength: 0x200000 }, buf), RangeError);
    assert.throws(() => encodeHeader({ ...base, tag: 256 }, buf), RangeError);
    assert.throws(() => encodeHeader({ ...base, opcode: 0x10000 }, buf), RangeError);
    assert.throws(() => encodeHeader({ ...base, category: 1.5 }, buf), RangeError);
  });

  it('rejects short messages, invalid categories and lying lengths', () => {
    assert.throws(() => decodeHeader(new Uint8Array(11)), CxlmiProtocolError);
    assert.throws(
      () => decodeHeader(Uint8Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
      /invalid category 2/,
    );
    const m = Uint8Array.from([1, 0, 0, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb]);
    assert.throws(() => decodeMessage(m), /says its payload is 4 bytes but 2 arrived/);
  });

  it('gives the payload as a view of the message', () => {
    const m = Uint8Array.from([1, 9, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb]);
    const d = decodeMessage(m);
    assert.deepEqual([...d.payload], [0xaa, 0xbb]);
    assert.equal(d.payload.buffer, m.buffer);
  });
});
