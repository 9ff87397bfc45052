/**
 * Large request payloads the endpoint encodes go out in the buffer they were encoded into (room
 * for the header in front): the bytes on the wire are the same as for a copied payload, a caller's
 * own buffer is never written into, and a buffer is framed once only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FW_TRANSFER_CONTINUE, FW_TRANSFER_INITIATE } from '../../src/commands/generic/firmware.js';
import { Endpoint } from '../../src/endpoint/endpoint.js';
import { FRAMED_MIN_PAYLOAD, takeFramed } from '../../src/transport/framed.js';
import { MessageTransport } from '../../src/transport/message-link.js';
import { requestOf, responseBytes, ScriptedLink } from '../helpers/links.js';

function rig() {
  const link = new ScriptedLink((m) => responseBytes({ ...requestOf(m), payload: [] }));
  const copies: Uint8Array[] = [];
  const real = link.exchange.bind(link);
  // Keep a copy of each message as it was when sent (the framer owns the buffer afterwards).
  link.exchange = (m, x) => {
    copies.push(Uint8Array.from(m));
    return real(m, x);
  };
  const ep = new Endpoint(new MessageTransport(link));
  return { link, ep, copies };
}

describe('large request payloads framed in place', () => {
  it('a Transfer FW part goes out as header + the encoded payload (CXL r3.1 Table 8-64)', async () => {
    const { ep, copies } = rig();
    const data = Uint8Array.from({ length: 2048 }, (_, i) => (i * 11) & 0xff);
    await ep.transferFwPart({ action: FW_TRANSFER_INITIATE, slot: 0, offset: 0, data });
    await ep.transferFwPart({ action: FW_TRANSFER_CONTINUE, slot: 0, offset: 16, data });
    assert.equal(copies.length, 2);
    for (const [i, m] of copies.entries()) {
      const n = 128 + data.length;
      // Header: request, tag i, opcode 0201h, payload length n.
      assert.deepEqual([...m.subarray(0, 12)], [0, i, 0, 0x01, 0x02, n & 0xff, n >> 8, 0, 0, 0, 0, 0]);
      // Transfer FW input: action, slot, 2 reserved, offset (128-byte units, LE 32), 120 reserved, data.
      assert.deepEqual([...m.subarray(12, 20)], [i === 0 ? 1 : 2, 0, 0, 0, i === 0 ? 0 : 16, 0, 0, 0]);
      assert.ok(m.subarray(20, 140).every((b) => b === 0));
      assert.deepEqual(m.subarray(140), data);
      assert.equal(m.length, 12 + n);
    }
  });

  it('a raw payload from the caller is copied, never written into', async () => {
    const { ep, link } = rig();
    const backing = new Uint8Array(12 + 4096).fill(0xaa);
    const payload = backing.subarray(12);
    await ep.request(0x0201, payload);
    assert.ok(
      backing.every((b) => b === 0xaa),
      "the caller's buffer is untouched",
    );
    assert.notEqual(link.sent[0].buffer, backing.buffer);
    assert.equal(takeFramed(payload), undefined);
  });

  it('a framed buffer is handed out once', async () => {
    const { ep, copies } = rig();
    const data = new Uint8Array(FRAMED_MIN_PAYLOAD).fill(5);
    // Two sends of equal values: each its own buffer, both sent intact.
    await Promise.all([
      ep.transferFwPart({ action: FW_TRANSFER_INITIATE, slot: 0, offset: 0, data }),
      ep.transferFwPart({ action: FW_TRANSFER_INITIATE, slot: 0, offset: 0, data }),
    ]);
    assert.equal(copies.length, 2);
    assert.deepEqual(copies[0].subarray(12), copies[1].subarray(12));
    assert.deepEqual(copies[0].subarray(140), data);
  });
});
