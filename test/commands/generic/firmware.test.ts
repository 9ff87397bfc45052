/** Firmware Update command set (CXL r3.1 §8.2.9.3). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activateFw, getFwInfo, transferFw } from '../../../src/commands/generic/firmware.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

const ascii16 = (s: string) =>
  [...s].map((c) => c.charCodeAt(0).toString(16)).join(' ') + zeros(16 - s.length);

describe('Get FW Info (0200h)', () => {
  // Table 8-65: 00h slots supported, 01h slot info (2:0 active, 5:3 staged), 02h activation caps,
  // 03h 13 reserved, 10h/20h/30h/40h slot 1-4 revisions (16 ASCII bytes each).
  const bytes = hex(`
    03 1a 01 ${zeros(13)}
    ${ascii16('BWFW VERSION 0')}
    ${ascii16('v2.0.0')}
    ${zeros(16)}
    ${zeros(16)}`);

  it('decodes slots, active / staged slot and revisions', () => {
    const r = getFwInfo.response.decode(bytes);
    assert.equal(r.slots_supported, 3);
    assert.deepEqual(r.slot_info_bits, { active_slot: 2, staged_slot: 3 });
    assert.equal(r.caps_bits.online_activation, true);
    assert.equal(r.fw_rev1, 'BWFW VERSION 0');
    assert.equal(r.fw_rev2, 'v2.0.0');
    assert.equal(r.fw_rev3, '');
  });

  it('a response cut in a revision is a decode error naming it', () => {
    assert.throws(
      () => getFwInfo.response.decode(bytes.subarray(0, 0x28), 'get_fw_info'),
      (e: unknown) => e instanceof CxlmiDecodeError && e.command === 'get_fw_info' && e.field === 'fw_rev2',
    );
  });
});

describe('Transfer FW (0201h) and Activate FW (0202h)', () => {
  it('encodes action, slot, offset in 128-byte units and the data after 80h (Table 8-66)', () => {
    const req = transferFw.encodeRequest({ action: 2, slot: 0, offset: 4, data: Uint8Array.of(0xde, 0xad) });
    assert.equal(req.length, 0x82);
    assert.deepEqual([...req.subarray(0, 8)], [0x02, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00]);
    assert.ok(req.subarray(8, 0x80).every((b) => b === 0));
    assert.deepEqual([...req.subarray(0x80)], [0xde, 0xad]);
  });

  it('is background-capable and lists its effects for the CEL', () => {
    assert.equal(transferFw.background, true);
    // Table 8-75 bits 0, 6, 8, 9, 10, 11 (§8.2.9.3.2 "Command Effects").
    assert.equal(transferFw.effects, 0x0f41);
    assert.equal(activateFw.effects, 0x0f43);
  });

  it('encodes activate action and slot (Table 8-67)', () => {
    assert.deepEqual([...activateFw.encodeRequest({ action: 1, slot: 2 })], [0x01, 0x02]);
  });
});
