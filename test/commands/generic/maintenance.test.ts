/**
 * Perform Maintenance (0600h), CXL r3.2 §8.2.10.7.1. Vectors written from QEMU's
 * `cmd_media_perform_maintenance` input (class, subclass, then the PPR or sparing union) and
 * Linux's `cxl_memdev_ppr_maintenance_attrbs` / `cxl_memdev_sparing_in_payload`; every field holds
 * a value no other field holds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  performMaintenance,
  performMaintenancePpr,
  performMaintenanceSparing,
} from '../../../src/commands/generic/maintenance.js';
import { commandsByOpcode } from '../../../src/commands/table.js';
import { hex } from './hex.js';

describe('Perform Maintenance (0600h)', () => {
  it('is one background opcode whose primary form is class, subclass and raw class input', () => {
    assert.equal(commandsByOpcode.get(0x0600), performMaintenance);
    for (const c of [performMaintenance, performMaintenancePpr, performMaintenanceSparing]) {
      assert.equal(c.opcode, 0x0600);
      assert.equal(c.background, true);
      assert.equal(c.set, 'generic');
    }
    assert.equal(performMaintenance.compatName, 'cxlmi_cmd_perform_maintenance');
    const bytes = performMaintenance.encodeRequest({
      maint_op_class: 0x03,
      maint_op_subclass: 0x07,
      maint_op_data: Uint8Array.of(0xa1, 0xb2),
    });
    assert.deepEqual(bytes, hex('03 07 a1 b2'));
  });

  it('encodes sPPR / hPPR input (Tables 8-118, 8-119): flags at 2, DPA at 3, nibble mask at 0Bh', () => {
    const bytes = hex(`
      01                        # 00h class: PPR
      00                        # 01h subclass: sPPR
      01                        # 02h flags: query resources
      40 36 25 14 0c 0b 0a 09   # 03h DPA 090a0b0c14253640h
      c3 d4 e5                  # 0Bh nibble mask e5d4c3h`);
    const value = {
      maint_op_class: 1,
      maint_op_subclass: 0,
      flags: 1,
      dpa: 0x090a0b0c14253640n,
      nibble_mask: 0xe5d4c3,
    };
    assert.deepEqual(performMaintenancePpr.encodeRequest(value), bytes);
    const back = performMaintenancePpr.request.decode(bytes);
    assert.equal(back.dpa, value.dpa);
    assert.equal(back.nibble_mask, value.nibble_mask);
    assert.equal(back.flags_bits.query_resources, true);
    assert.equal(performMaintenancePpr.request.size, 14);
  });

  it('encodes hPPR with its subclass', () => {
    const bytes = performMaintenancePpr.encodeRequest({
      maint_op_class: 1,
      maint_op_subclass: 1,
      flags: 0,
      dpa: 0x2000n,
      nibble_mask: 0x10,
    });
    assert.deepEqual(bytes, hex('01 01 00 00 20 00 00 00 00 00 00 10 00 00'));
  });

  it('encodes memory sparing input (Table 8-120): a DRAM address, 16 bytes', () => {
    const bytes = hex(`
      02            # 00h class: memory sparing
      03            # 01h subclass: rank
      0e            # 02h flags: hard, sub-channel valid, nibble mask valid
      05            # 03h channel
      06            # 04h rank
      a7 b8 c9      # 05h nibble mask c9b8a7h
      1d            # 08h bank group
      2e            # 09h bank
      4f 5a 6b      # 0Ah row 6b5a4fh
      7c 8d         # 0Dh column 8d7ch
      9f            # 0Fh sub-channel`);
    const value = {
      maint_op_class: 2,
      maint_op_subclass: 3,
      flags: 0x0e,
      channel: 5,
      rank: 6,
      nibble_mask: 0xc9b8a7,
      bank_group: 0x1d,
      bank: 0x2e,
      row: 0x6b5a4f,
      column: 0x8d7c,
      sub_channel: 0x9f,
    };
    assert.deepEqual(performMaintenanceSparing.encodeRequest(value), bytes);
    const back = performMaintenanceSparing.request.decode(bytes);
    assert.deepEqual(back.flags_bits, {
      query_resources: false,
      hard_sparing: true,
      sub_channel_valid: true,
      nibble_mask_valid: true,
    });
    assert.equal(back.row, value.row);
    assert.equal(back.column, value.column);
    assert.equal(back.sub_channel, value.sub_channel);
    assert.equal(performMaintenanceSparing.request.size, 16);
  });

  it('encodes each sparing subclass (cacheline 0, row 1, bank 2, rank 3) in byte 1', () => {
    for (const sub of [0, 1, 2, 3]) {
      const b = performMaintenanceSparing.encodeRequest({
        maint_op_class: 2,
        maint_op_subclass: sub,
        flags: 1,
        channel: 0,
        rank: 0,
        nibble_mask: 0,
        bank_group: 0,
        bank: 0,
        row: 0,
        column: 0,
        sub_channel: 0,
      });
      assert.deepEqual([b[0], b[1], b[2]], [2, sub, 1]);
    }
  });

  it('refuses a field wider than its slot', () => {
    assert.throws(() =>
      performMaintenancePpr.encodeRequest({
        maint_op_class: 1,
        maint_op_subclass: 0,
        flags: 0,
        dpa: 0n,
        nibble_mask: 0x1000000,
      }),
    );
  });
});
