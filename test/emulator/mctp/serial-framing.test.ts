import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeSerialFrame, fcs16, SerialFrameDecoder } from '../../../src/emulator/mctp/serial-framing.js';

/** Bit-at-a-time CRC-16/CCITT, reflected (0x8408), init FFFFh, no final xor: Linux's crc_ccitt. */
function referenceFcs(bytes: number[]): number {
  let crc = 0xffff;
  for (const b of bytes) {
    for (let i = 0; i < 8; i++) {
      const mix = (crc ^ (b >> i)) & 1;
      crc >>>= 1;
      if (mix) crc ^= 0x8408;
    }
  }
  return crc;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('MCTP serial framing (DSP0253 as Linux mctp-serial frames it)', () => {
  it('computes the FCS Linux computes: CRC-16/X-25 without its final xor', () => {
    // The catalogue check value of CRC-16/X-25 over "123456789" is 906Eh, after xor FFFFh.
    assert.equal(fcs16(ascii('123456789')), 0x906e ^ 0xffff);
    assert.equal(fcs16(Uint8Array.of(1, 6, 1, 8, 9, 0xc8)), referenceFcs([1, 6, 1, 8, 9, 0xc8]));
  });

  it('frames a packet: flag, revision, count, escaped bytes, FCS high then low unescaped, flag', () => {
    const packet = [0x01, 0x08, 0x09, 0xc8, 0x7e, 0x7d];
    const fcs = referenceFcs([0x01, packet.length, ...packet]);
    assert.deepEqual(
      [...encodeSerialFrame(Uint8Array.from(packet))],
      [0x7e, 0x01, 0x06, 0x01, 0x08, 0x09, 0xc8, 0x7d, 0x5e, 0x7d, 0x5d, fcs >> 8, fcs & 0xff, 0x7e],
    );
  });

  it('sends FCS bytes that happen to be 7Eh or 7Dh as they are, and reads them back', () => {
    // Search a packet whose FCS has a flag byte in it: the decoder must read it by position.
    let found: Uint8Array | undefined;
    for (let i = 0; i < 65536 && !found; i++) {
      const p = Uint8Array.of(1, 9, 8, 0xc0, i & 0xff, i >> 8);
      const f = fcs16(p, fcs16(Uint8Array.of(1, p.length)));
      if (f >> 8 === 0x7e || (f & 0xff) === 0x7e) found = p;
    }
    assert.ok(found);
    const frame = encodeSerialFrame(found);
    assert.equal(frame.length, 3 + found.length + 3);
    const got: Uint8Array[] = [];
    new SerialFrameDecoder((p) => got.push(p)).push(frame);
    assert.deepEqual(got, [found]);
  });

  it('decodes frames arriving a byte at a time, back to back, with noise between', () => {
    const a = Uint8Array.of(1, 9, 8, 0xc8, 0x7e, 0x00, 0x7d);
    const b = Uint8Array.from({ length: 68 }, (_, i) => (i * 37) & 0xff);
    const stream = [0x55, 0x00, ...encodeSerialFrame(a), ...encodeSerialFrame(b), 0x7e, 0x7e];
    const got: Uint8Array[] = [];
    const d = new SerialFrameDecoder((p) => got.push(p));
    for (const byte of stream) d.push(Uint8Array.of(byte));
    assert.deepEqual(got, [a, b]);
    assert.equal(d.frames, 2);
  });

  it('drops and counts a frame with a bad FCS, a bad revision or a missing end flag, then resynchronises', () => {
    const p = Uint8Array.of(1, 9, 8, 0xc8, 0x10);
    const badFcs = encodeSerialFrame(p);
    badFcs[badFcs.length - 2] ^= 1;
    const badRev = encodeSerialFrame(p);
    badRev[1] = 0x02;
    const noEnd = encodeSerialFrame(p);
    noEnd[noEnd.length - 1] = 0x00;
    const got: Uint8Array[] = [];
    const d = new SerialFrameDecoder((x) => got.push(x));
    d.push(Uint8Array.from([...badFcs, ...badRev, ...noEnd, ...encodeSerialFrame(p)]));
    assert.deepEqual(got, [p]);
    assert.equal(d.errors.fcs, 1);
    assert.equal(d.errors.revision, 1);
    assert.equal(d.errors['end-flag'], 1);
  });

  it('refuses a packet longer than a byte count can say', () => {
    assert.throws(() => encodeSerialFrame(new Uint8Array(256)), RangeError);
  });
});
