/**
 * The eight memory RAS features' data. Vectors written from QEMU's packed structs
 * (include/hw/cxl/cxl_device.h: CXLMemPatrolScrub*, CXLMemECS*, CXLMemSoftPPR*, CXLMemHardPPR*,
 * CXLMemSparing*) and Linux's (drivers/cxl/core/edac.c); every field holds a distinct value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ecsRead,
  ecsWrite,
  patrolScrubRead,
  patrolScrubWrite,
  pprRead,
  pprWrite,
  sparingRead,
  sparingWrite,
} from '../../../src/commands/generic/ras-features.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('Device Patrol Scrub Control (r3.2 Tables 8-222, 8-223)', () => {
  const bytes = hex(`
    03      # 00h cycle capabilities: changeable, realtime report
    0c 02   # 01h cycle: current 12 h (bits 7:0), minimum 2 h (bits 15:8)
    01      # 03h flags: enabled`);
  it('decodes the 4 readable bytes', () => {
    const r = patrolScrubRead.decode(bytes);
    assert.deepEqual(r.scrub_cycle_cap_bits, { cycle_changeable: true, realtime_report: true });
    assert.equal(r.scrub_cycle_hours, 12);
    assert.equal(r.min_scrub_cycle_hours, 2);
    assert.equal(r.scrub_flags_bits.enabled, true);
    assert.equal(patrolScrubRead.size, 4);
  });
  it('encodes the readable bytes back (the emulator answers with them)', () => {
    assert.deepEqual(
      patrolScrubRead.encode({
        scrub_cycle_cap: 3,
        scrub_cycle_hours: 12,
        min_scrub_cycle_hours: 2,
        scrub_flags: 1,
      }),
      bytes,
    );
  });
  it('encodes the 2 writable bytes: cycle hours then flags', () => {
    assert.deepEqual(patrolScrubWrite.encode({ scrub_cycle_hours: 0x30, scrub_flags: 1 }), hex('30 01'));
    assert.equal(patrolScrubWrite.size, 2);
  });
  it('a short read is a decode error', () => {
    assert.throws(() => patrolScrubRead.decode(bytes.subarray(0, 3)), CxlmiDecodeError);
  });
});

describe('DDR5 ECS Control (r3.2 Tables 8-225, 8-226)', () => {
  const bytes = hex(`
    01            # 00h log capabilities: entry type 1 (per media FRU)
    01 0b 00 20   # FRU 0: caps realtime; config threshold idx 3, count mode 1; flags 20h
    00 04 00 40   # FRU 1: caps none; config threshold idx 4, rows; flags 40h
    01 15 00 60   # FRU 2: caps realtime; config threshold idx 5, reset; flags 60h`);
  it('decodes the log capabilities and each FRU', () => {
    const r = ecsRead.decode(bytes);
    assert.equal(r.ecs_log_cap_bits.log_entry_type, 1);
    assert.equal(r.fru_attrs.length, 3);
    const [a, b, c] = r.fru_attrs;
    assert.deepEqual(
      [a?.ecs_cap_bits.realtime_report, a?.threshold_count, a?.count_mode, a?.reset_counter, a?.ecs_flags],
      [true, 3, 1, 0, 0x20],
    );
    assert.deepEqual([b?.ecs_cap, b?.threshold_count, b?.count_mode, b?.ecs_flags], [0, 4, 0, 0x40]);
    assert.deepEqual([c?.threshold_count, c?.reset_counter, c?.ecs_flags], [5, 1, 0x60]);
  });
  it('encodes the writable form: log capabilities then a u16 config per FRU', () => {
    const w = ecsWrite.encode({
      ecs_log_cap: 1,
      fru_attrs: [
        { threshold_count: 3, count_mode: 1, reset_counter: 0 },
        { threshold_count: 4, count_mode: 0, reset_counter: 1 },
      ],
    });
    assert.deepEqual(w, hex('01 0b 00 14 00'));
  });
});

describe('sPPR / hPPR (r3.2 Tables 8-128, 8-129, 8-131, 8-132)', () => {
  const bytes = hex(`
    05                            # 00h max maintenance latency
    01 00                         # 01h operation capabilities: device initiated
    00 00                         # 03h operation mode
    01                            # 05h class: PPR
    02                            # 06h subclass (a distinct value; hPPR is 1)
    00 00 00 00 00 00 00 00 00    # 07h reserved
    0b                            # 10h PPR flags: DPA, nibble, sparing event record capable
    04 00                         # 11h restriction flags: data not retained
    03                            # 13h PPR op mode: sparing event record, at boot`);
  it('decodes the 20 readable bytes', () => {
    const r = pprRead.decode(bytes);
    assert.equal(pprRead.size, 20);
    assert.equal(r.max_maint_latency, 5);
    assert.equal(r.op_caps_bits.device_initiated, true);
    assert.equal(r.op_mode, 0);
    assert.equal(r.maint_op_class, 1);
    assert.equal(r.maint_op_subclass, 2);
    assert.deepEqual(r.ppr_flags_bits, {
      dpa_support: true,
      nibble_support: true,
      mem_sparing_ev_rec_cap: false,
      dev_initiated_at_boot_cap: true,
    });
    assert.deepEqual(r.restriction_flags_bits, { media_not_accessible: false, data_not_retained: true });
    assert.deepEqual(r.ppr_op_mode_bits, { mem_sparing_ev_rec_en: true, dev_initiated_at_boot: true });
  });
  it('encodes the 3 writable bytes: op mode (u16) then PPR op mode', () => {
    assert.deepEqual(pprWrite.encode({ op_mode: 1, ppr_op_mode: 2 }), hex('01 00 02'));
  });
});

describe('Memory sparing (r3.2 Tables 8-134, 8-135)', () => {
  const bytes = hex(`
    07                            # 00h max maintenance latency
    01 00                         # 01h operation capabilities
    00 00                         # 03h operation mode
    02                            # 05h class: memory sparing
    03                            # 06h subclass: rank
    00 00 00 00 00 00 00 00 00    # 07h reserved
    00                            # 10h reserved
    05 00                         # 11h restriction flags: not safe in use, soft sparing`);
  it('decodes the 19 readable bytes', () => {
    const r = sparingRead.decode(bytes);
    assert.equal(sparingRead.size, 19);
    assert.equal(r.max_maint_latency, 7);
    assert.equal(r.maint_op_class, 2);
    assert.equal(r.maint_op_subclass, 3);
    assert.deepEqual(r.restriction_flags_bits, {
      not_safe_when_in_use: true,
      hard_sparing_supported: false,
      soft_sparing_supported: true,
    });
  });
  it('encodes the 2 writable bytes', () => {
    assert.deepEqual(sparingWrite.encode({ op_mode: 1 }), hex('01 00'));
  });
});
