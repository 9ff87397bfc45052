/** The emulated device's firmware slots and Transfer / Activate FW (CXL r3.1 §8.2.9.3). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CXLMI_RET_ABORT,
  CXLMI_RET_BUSY,
  CXLMI_RET_FWINPROGRESS,
  CXLMI_RET_FWOOO,
  CXLMI_RET_FWSLOT,
  CXLMI_RET_INPUT,
  CXLMI_RET_PAYLOADLEN,
  CXLMI_RET_SUCCESS,
} from '../../../src/protocol/retcodes.js';
import { type Rig, retcodeOf, rig } from './setup.js';

function image(revision: string, size: number): Uint8Array {
  const out = new Uint8Array(size).fill(0x5a);
  out.set(new TextEncoder().encode(revision));
  out[revision.length] = 0;
  return out;
}

const part = (r: Rig, action: number, slot: number, offset: number, data: Uint8Array) =>
  r.ep.transferFwPart({ action, slot, offset, data });

describe('emulated firmware update', () => {
  it('reports slots, the active slot and its revision', async () => {
    const r = await rig();
    try {
      const info = await r.ep.getFwInfo();
      assert.equal(info.slots_supported, 3);
      assert.deepEqual(info.slot_info_bits, { active_slot: 1, staged_slot: 0 });
      assert.equal(info.caps_bits.online_activation, true);
      assert.equal(info.fw_rev1, 'EMU-FW 1.0.0');
      assert.equal(info.fw_rev2, '');
    } finally {
      await r.close();
    }
  });

  it('a full transfer verifies in the background, then the slot holds the new revision', async () => {
    const r = await rig();
    try {
      const res = await part(r, 0, 2, 0, image('v2.0.0', 1024));
      assert.equal(res.background, true);
      const running = await r.ep.bgOpStatus();
      assert.equal(running.status_bits.in_progress, true);
      assert.equal(running.opcode, 0x0201);
      assert.equal((await r.ep.getFwInfo()).fw_rev2, '');
      r.advance(1000);
      const done = await r.ep.bgOpStatus();
      assert.equal(done.status_bits.in_progress, false);
      assert.equal(done.status_bits.percent_complete, 100);
      assert.equal(done.returncode, CXLMI_RET_SUCCESS);
      assert.equal((await r.ep.getFwInfo()).fw_rev2, 'v2.0.0');
    } finally {
      await r.close();
    }
  });

  it('refuses the active slot, slot 0 and slots beyond those supported', async () => {
    const r = await rig();
    try {
      for (const slot of [0, 1, 4]) {
        assert.equal(await retcodeOf(part(r, 0, slot, 0, image('x', 128))), CXLMI_RET_FWSLOT);
      }
      assert.equal(await retcodeOf(part(r, 7, 2, 0, image('x', 128))), CXLMI_RET_INPUT);
      assert.equal((await r.ep.request(0x0201, new Uint8Array(0x40))).retcode, CXLMI_RET_PAYLOADLEN);
    } finally {
      await r.close();
    }
  });

  it('keeps its own copy of each part: the sender reusing its buffers does not change the stored package', async () => {
    const r = await rig();
    try {
      const pkg = image('v9.9', 0x300);
      const sent = Uint8Array.from(pkg);
      await part(r, 1, 0, 0, sent.subarray(0, 0x100));
      sent.subarray(0, 0x100).fill(0xee);
      await part(r, 2, 0, 2, sent.subarray(0x100, 0x200));
      sent.subarray(0x100, 0x200).fill(0xee);
      await part(r, 3, 2, 4, sent.subarray(0x200));
      sent.fill(0xee);
      r.advance(1000);
      assert.equal((await r.ep.getFwInfo()).fw_rev2, 'v9.9');
      const slot = r.dev.generic.firmware.slots[1];
      assert.deepEqual(slot?.image, pkg);
      assert.equal(slot?.image, slot?.image, 'the joined image is kept, not rebuilt per read');
      // A model may still replace a slot's image.
      if (slot) slot.image = new Uint8Array(4);
      assert.equal(r.dev.generic.firmware.slots[1]?.image.length, 4);
    } finally {
      await r.close();
    }
  });

  it('assembles a package of many parts of mixed sizes, with repeats, across the buffers it copies them into', async () => {
    const r = await rig({ maxMessageSizeLog2: 20 });
    try {
      const size = (5 << 19) + 384; // 2.5 MiB + 384: parts land on both sides of 1 MiB boundaries
      const pkg = Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 12)) & 0xff);
      pkg.set(new TextEncoder().encode('v7.7\0'));
      const sizes = [0x1000, 0xf000, 0x10000, 0x3ff80, 0x80, 0xc0000, 0x100000 - 128];
      let off = 0;
      for (let i = 0; off < size; i++) {
        const n = Math.min(sizes[i % sizes.length], size - off);
        const last = off + n >= size;
        const data = pkg.subarray(off, off + n);
        await part(r, i === 0 ? 1 : last ? 3 : 2, last ? 2 : 0, off / 128, data);
        if (!last && i % 3 === 1) await part(r, 2, 0, off / 128, data); // back-to-back repeat
        off += n;
      }
      r.advance(100_000);
      assert.equal((await r.ep.getFwInfo()).fw_rev2, 'v7.7');
      assert.deepEqual(r.dev.generic.firmware.slots[1]?.image, pkg);
    } finally {
      await r.close();
    }
  });

  it('takes parts in order, allows a back-to-back repeat, and refuses gaps, overlaps and a second start', async () => {
    const r = await rig();
    try {
      const pkg = image('v3.1', 0x380);
      assert.equal(await retcodeOf(part(r, 2, 0, 0, pkg.subarray(0, 0x100))), CXLMI_RET_FWOOO);
      assert.equal(await retcodeOf(part(r, 1, 0, 2, pkg.subarray(0, 0x100))), CXLMI_RET_INPUT);
      assert.equal(await retcodeOf(part(r, 1, 0, 0, pkg.subarray(0, 0x10))), CXLMI_RET_INPUT);
      await part(r, 1, 0, 0, pkg.subarray(0, 0x100));
      assert.equal(await retcodeOf(part(r, 1, 0, 0, pkg.subarray(0, 0x100))), CXLMI_RET_FWINPROGRESS);
      assert.equal(await retcodeOf(part(r, 0, 2, 0, pkg)), CXLMI_RET_FWINPROGRESS);
      await part(r, 2, 0, 2, pkg.subarray(0x100, 0x200));
      await part(r, 2, 0, 2, pkg.subarray(0x100, 0x200)); // the spec's legal retransmission
      await part(r, 2, 0, 4, pkg.subarray(0x200, 0x300));
      const end = await part(r, 3, 3, 6, pkg.subarray(0x300));
      assert.equal(end.background, true);
      r.advance(1000);
      assert.equal((await r.ep.getFwInfo()).fw_rev3, 'v3.1');
      assert.deepEqual(r.dev.generic.firmware.slots[2]?.image, pkg);

      // The spec's invalid sequence: Continue at offset 5 after a part ending at 4 (a gap).
      await part(r, 1, 0, 0, pkg.subarray(0, 0x100));
      await part(r, 2, 0, 2, pkg.subarray(0x100, 0x200));
      assert.equal(await retcodeOf(part(r, 2, 0, 5, pkg.subarray(0x280, 0x300))), CXLMI_RET_FWOOO);
      // The transfer was aborted: continuing needs a new Initiate.
      assert.equal(await retcodeOf(part(r, 2, 0, 4, pkg.subarray(0x200, 0x300))), CXLMI_RET_FWOOO);
    } finally {
      await r.close();
    }
  });

  it('drops a transfer idle for more than 30 s, and Abort Transfer ends one', async () => {
    const r = await rig();
    try {
      const pkg = image('v4', 0x200);
      await part(r, 1, 0, 0, pkg.subarray(0, 0x100));
      r.advance(30_001);
      assert.equal(await retcodeOf(part(r, 2, 0, 2, pkg.subarray(0x100))), CXLMI_RET_FWOOO);
      await part(r, 1, 0, 0, pkg.subarray(0, 0x100));
      await part(r, 4, 0, 0, new Uint8Array(0));
      await part(r, 1, 0, 0, pkg.subarray(0, 0x100));
    } finally {
      await r.close();
    }
  });

  it('is Busy while a background operation runs, and Request Abort stops the verification', async () => {
    const r = await rig();
    try {
      await part(r, 0, 2, 0, image('v5', 2048)); // fits the device's 4 KiB messages with its header
      assert.equal(await retcodeOf(part(r, 0, 3, 0, image('v6', 128))), CXLMI_RET_BUSY);
      r.advance(10);
      await r.ep.requestBgOpAbort();
      const s = await r.ep.bgOpStatus();
      assert.equal(s.status_bits.in_progress, false);
      assert.equal(s.returncode, CXLMI_RET_ABORT);
      assert.ok(s.status_bits.percent_complete < 100);
      r.advance(5000);
      assert.equal((await r.ep.getFwInfo()).fw_rev2, '');
    } finally {
      await r.close();
    }
  });

  it('activates online in the background or stages for the next reset; an empty slot is invalid', async () => {
    const r = await rig();
    try {
      assert.equal(await retcodeOf(r.ep.activateFw({ action: 0, slot: 2 })), CXLMI_RET_FWSLOT);
      await part(r, 0, 2, 0, image('v2', 256));
      r.advance(1000);
      assert.equal(await retcodeOf(r.ep.activateFw({ action: 2, slot: 2 })), CXLMI_RET_INPUT);
      await r.ep.activateFw({ action: 1, slot: 2 });
      assert.deepEqual((await r.ep.getFwInfo()).slot_info_bits, { active_slot: 1, staged_slot: 2 });
      const res = await r.ep.activateFw({ action: 0, slot: 2 });
      assert.equal(res.background, true);
      r.advance(1000);
      assert.deepEqual((await r.ep.getFwInfo()).slot_info_bits, { active_slot: 2, staged_slot: 0 });
      assert.equal(await retcodeOf(r.ep.activateFw({ action: 0, slot: 2 })), CXLMI_RET_FWSLOT);
    } finally {
      await r.close();
    }
  });
});
