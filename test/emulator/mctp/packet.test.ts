import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePacketHeader, packetise, Reassembler } from '../../../src/emulator/mctp/packet.js';

describe('MCTP packets (DSP0236 §8.1)', () => {
  it('packetises into 64-byte units with SOM, EOM, sequence numbers and the tag', () => {
    const bytes = Uint8Array.from({ length: 150 }, (_, i) => i);
    const ps = packetise({ dest: 8, src: 9, to: false, tag: 5, bytes });
    assert.deepEqual(
      ps.map((p) => [...p.subarray(0, 4)]),
      [
        [0x01, 8, 9, 0x80 | 0x00 | 0x05], // SOM, seq 0, TO clear, tag 5
        [0x01, 8, 9, 0x10 | 0x05], // seq 1
        [0x01, 8, 9, 0x40 | 0x20 | 0x05], // EOM, seq 2
      ],
    );
    assert.deepEqual(
      ps.map((p) => p.length - 4),
      [64, 64, 22],
    );
    assert.deepEqual([...ps[2].subarray(4, 6)], [128, 129]);
  });

  it('wraps the 2-bit sequence number and marks a one-packet request SOM|EOM|TO', () => {
    const ps = packetise({ dest: 9, src: 8, to: true, tag: 1, bytes: new Uint8Array(64 * 5) });
    assert.deepEqual(
      ps.map((p) => (p[3] >> 4) & 3),
      [0, 1, 2, 3, 0],
    );
    const one = packetise({ dest: 9, src: 8, to: true, tag: 1, bytes: Uint8Array.of(8) });
    assert.deepEqual([...one[0]], [0x01, 9, 8, 0xc9, 8]);
    assert.deepEqual(decodePacketHeader(one[0]), {
      dest: 9,
      src: 8,
      som: true,
      eom: true,
      seq: 0,
      to: true,
      tag: 1,
    });
  });

  it('reassembles interleaved messages keyed by source, destination, owner and tag', () => {
    const a = Uint8Array.from({ length: 130 }, (_, i) => i);
    const b = Uint8Array.from({ length: 100 }, (_, i) => 255 - i);
    const pa = packetise({ dest: 9, src: 8, to: true, tag: 0, bytes: a });
    const pb = packetise({ dest: 9, src: 8, to: true, tag: 1, bytes: b });
    const r = new Reassembler();
    const out = [pa[0], pb[0], pa[1], pb[1], pa[2]].map((p) => r.push(p)).filter((m) => m);
    assert.deepEqual(
      out.map((m) => [m?.tag, m?.bytes.length]),
      [
        [1, 100],
        [0, 130],
      ],
    );
    assert.deepEqual(out[0]?.bytes, b);
    assert.deepEqual(out[1]?.bytes, a);
  });

  it('drops a message with a lost packet, and middle packets without a start', () => {
    const ps = packetise({ dest: 9, src: 8, to: true, tag: 2, bytes: new Uint8Array(200) });
    const r = new Reassembler();
    assert.equal(r.push(ps[0]), undefined);
    assert.equal(r.push(ps[2]), undefined); // seq 2 after seq 0
    assert.equal(r.push(ps[3]), undefined); // its context is gone
    assert.equal(r.drops.sequence, 1);
    assert.equal(r.drops['no-start'], 1);
    assert.equal(r.push(Uint8Array.of(0x02, 9, 8, 0xc0)), undefined);
    assert.equal(r.drops.header, 1);
  });

  it('restarts a message when a new SOM arrives for the same key', () => {
    const first = packetise({ dest: 9, src: 8, to: true, tag: 3, bytes: new Uint8Array(100).fill(1) });
    const second = packetise({ dest: 9, src: 8, to: true, tag: 3, bytes: Uint8Array.of(8, 7) });
    const r = new Reassembler();
    r.push(first[0]);
    assert.deepEqual(r.push(second[0])?.bytes, Uint8Array.of(8, 7));
  });
});
