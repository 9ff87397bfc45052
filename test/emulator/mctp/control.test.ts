import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerControl, type ControlTarget } from '../../../src/emulator/mctp/control.js';

function target(eid = 9, taken: number[] = []): ControlTarget {
  return {
    eid,
    uuid: Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i),
    messageTypes: [0x08],
    eidTaken: (e) => taken.includes(e),
  };
}

// Requests: type 00h, Rq bit set with instance id 5 (0x85), command, data.
const ask = (t: ControlTarget, ...bytes: number[]) => [...(answerControl(Uint8Array.from(bytes), t) ?? [])];

describe('MCTP control (DSP0236 §12)', () => {
  it('Get Endpoint ID: EID, simple endpoint with a dynamic EID', () => {
    assert.deepEqual(ask(target(), 0, 0x85, 0x02), [0, 0x05, 0x02, 0x00, 9, 0x00, 0x00]);
  });

  it('Set Endpoint ID: accepts a free EID, rejects one in use, refuses null and broadcast', () => {
    const t = target(9, [10]);
    assert.deepEqual(ask(t, 0, 0x81, 0x01, 0x00, 0x20), [0, 1, 1, 0, 0x00, 0x20, 0]);
    assert.equal(t.eid, 0x20);
    assert.deepEqual(ask(t, 0, 0x81, 0x01, 0x00, 10), [0, 1, 1, 0, 0x10, 0x20, 0]);
    assert.equal(t.eid, 0x20);
    assert.deepEqual(ask(t, 0, 0x81, 0x01, 0x01, 0xff), [0, 1, 1, 0x02]);
    assert.deepEqual(ask(t, 0, 0x81, 0x01, 0x00), [0, 1, 1, 0x03]);
  });

  it('Get Endpoint UUID, Get Message Type Support and Get MCTP Version Support', () => {
    const t = target();
    assert.deepEqual(ask(t, 0, 0x80, 0x03), [0, 0, 3, 0, ...t.uuid]);
    assert.deepEqual(ask(t, 0, 0x80, 0x05), [0, 0, 5, 0, 1, 0x08]);
    assert.deepEqual(ask(t, 0, 0x80, 0x04, 0xff), [0, 0, 4, 0, 1, 0xf1, 0xf3, 0xf1, 0x00]);
    assert.deepEqual(ask(t, 0, 0x80, 0x04, 0x08), [0, 0, 4, 0, 1, 0xf1, 0xf0, 0xf0, 0x00]);
    assert.deepEqual(ask(t, 0, 0x80, 0x04, 0x07), [0, 0, 4, 0x80]);
  });

  it('answers other commands ERROR_UNSUPPORTED_CMD and ignores responses', () => {
    assert.deepEqual(ask(target(), 0, 0x80, 0x0a), [0, 0, 0x0a, 0x05]);
    assert.deepEqual(ask(target(), 0, 0x00, 0x02), []);
  });
});
