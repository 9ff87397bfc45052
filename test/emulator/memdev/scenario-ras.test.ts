/**
 * Memory RAS on the emulated Type 3 device, through the library's helpers: patrol scrub, DDR5 ECS,
 * sPPR / hPPR and memory sparing, with Perform Maintenance as a background operation that changes
 * the poison list and what later errors report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patrolScrubFeature } from '../../../src/emulator/generic/patrol-scrub.js';
import { REPAIR_MS } from '../../../src/emulator/memdev/handlers/maintenance.js';
import { dpaOf, locate } from '../../../src/emulator/memdev/ras/dram-geometry.js';
import { DEFAULT_RESOURCES } from '../../../src/emulator/memdev/ras/ras-state.js';
import { CxlmiCommandError, CxlmiUsageError } from '../../../src/errors.js';
import { CXLMI_EVENT_LOG_FAIL, CXLMI_EVENT_LOG_INFO } from '../../../src/protocol/constants.js';
import { CXLMI_RET_BUSY, CXLMI_RET_RESOURCEEXHAUSTED } from '../../../src/protocol/retcodes.js';
import { type Rig, rig } from './setup.js';

async function poisoned(r: Rig): Promise<bigint[]> {
  const l = await r.ep.getPoisonList({
    get_poison_list_phy_addr: 0n,
    get_poison_list_phy_addr_len: (512n << 20n) / 64n,
  });
  return l.records.map((x) => x.media_err_addr & ~0x3fn);
}

async function drain(r: Rig, log: number) {
  const got = await r.ep.getEventRecords({ event_log: log });
  if (got.records.length > 0)
    await r.ep.clearEventRecords({
      event_log: log,
      clear_flags: 0,
      nr_recs: got.records.length,
      handles: got.records.map((x) => x.handle),
    });
  return got.records;
}

/** Runs a background repair to the end on the manual clock, recording the progress seen. */
async function runToEnd(r: Rig, start: Promise<{ background: boolean }>): Promise<number[]> {
  const started = await start;
  assert.equal(started.background, true, 'the repair runs as a background operation');
  const seen: number[] = [];
  const s0 = await r.ep.bgOpStatus();
  seen.push(s0.status_bits.percent_complete);
  r.tick(REPAIR_MS / 2);
  const s1 = await r.ep.bgOpStatus();
  seen.push(s1.status_bits.percent_complete);
  assert.equal(s1.opcode, 0x0600);
  r.tick(REPAIR_MS);
  const s2 = await r.ep.bgOpStatus();
  assert.equal(s2.status_bits.in_progress, false);
  assert.equal(s2.returncode, 0);
  seen.push(s2.status_bits.percent_complete);
  return seen;
}

describe('emulated memory RAS', () => {
  it('lists the eight RAS features', async () => {
    const r = rig();
    const all = await r.ep.getSupportedFeatures({ count: 8 + 8 * 48, starting_feature_index: 0 });
    assert.equal(all.device_supported_features, 8);
    assert.deepEqual(
      all.supported_feature_entries.map((e) => [e.get_feature_size, e.set_feature_size]),
      [
        [4, 2],
        [13, 7],
        [20, 3],
        [20, 3],
        [19, 2],
        [19, 2],
        [19, 2],
        [19, 2],
      ],
    );
  });

  it('patrol scrub: cycle and enable change, a cycle below the minimum is refused before writing', async () => {
    const r = rig();
    const before = await r.ep.getPatrolScrub();
    assert.equal(before.scrub_cycle_hours, 12);
    assert.equal(before.min_scrub_cycle_hours, 1);
    assert.equal(before.scrub_flags_bits.enabled, false);
    const after = await r.ep.setPatrolScrub({ cycleHours: 24, enabled: true });
    assert.equal(after.scrub_cycle_hours, 24);
    assert.equal(after.scrub_flags_bits.enabled, true);
    // enabling alone keeps the cycle
    const same = await r.ep.setPatrolScrub({ enabled: false });
    assert.equal(same.scrub_cycle_hours, 24);
    assert.equal(same.scrub_flags_bits.enabled, false);
    await assert.rejects(r.ep.setPatrolScrub({ cycleHours: 0 }), CxlmiUsageError);
    await assert.rejects(r.ep.setPatrolScrub({ cycleHours: 300 }), /1 to 255 hours/);
  });

  it('patrol scrub: a device whose minimum is 6 h or whose cycle is fixed refuses clearly', async () => {
    const fixed = patrolScrubFeature();
    fixed.defaults.set([0x02, 12, 6, 0]); // cycle not changeable, minimum 6 h
    const r = rig({ generic: { features: [fixed] } });
    await assert.rejects(r.ep.setPatrolScrub({ cycleHours: 24 }), /cannot be changed/);
    const min = patrolScrubFeature();
    min.defaults.set([0x03, 12, 6, 0]);
    const r2 = rig({ generic: { features: [min] } });
    await assert.rejects(r2.ep.setPatrolScrub({ cycleHours: 4 }), /4 h is below the minimum .* 6 h/);
    assert.equal((await r2.ep.getPatrolScrub()).scrub_cycle_hours, 12, 'nothing was written');
    await assert.rejects(r2.ep.getEcs(), /does not support DDR5 Error Check Scrub/);
  });

  it('ECS: threshold and count mode per FRU; reset counter clears the count; bad values are refused', async () => {
    const r = rig();
    const ecs = await r.ep.getEcs();
    assert.equal(ecs.fru_attrs.length, 3);
    assert.deepEqual(
      ecs.fru_attrs.map((f) => f.threshold_count),
      [3, 3, 3],
    );
    const one = await r.ep.setEcs({ fru: 1, threshold: 4096, countMode: 'codewords' });
    assert.deepEqual(
      one.fru_attrs.map((f) => [f.threshold_count, f.count_mode]),
      [
        [3, 0],
        [5, 1],
        [3, 0],
      ],
    );
    // A correctable error on channel 1 counts on FRU 1; the reset clears it.
    r.device.ras.injectDramError({
      dpa: dpaOf({ channel: 1, rank: 0, bankGroup: 0, bank: 0, row: 3, column: 0 }),
    });
    assert.deepEqual(r.device.ras.ecsCounts, [0, 1, 0]);
    await r.ep.setEcs({ fru: 1, resetCounter: true });
    assert.deepEqual(r.device.ras.ecsCounts, [0, 0, 0]);
    assert.equal((await r.ep.getEcs()).fru_attrs[1]?.reset_counter, 0, 'the reset is not a state');
    await assert.rejects(r.ep.setEcs({ threshold: 300 }), /256, 1024, 4096/);
    await assert.rejects(r.ep.setEcs({ fru: 3, threshold: 256 }), /3 ECS media FRUs/);
  });

  it('sPPR: a DRAM error is repaired in the background, leaves the poison list and does not recur', async () => {
    const r = rig();
    const dpa = dpaOf({ channel: 1, rank: 1, bankGroup: 5, bank: 2, row: 7, column: 9 });
    const handle = r.device.ras.injectDramError({ dpa, uncorrectable: true });
    assert.notEqual(handle, undefined);
    assert.deepEqual(await poisoned(r), [dpa]);
    const [ev] = await drain(r, CXLMI_EVENT_LOG_FAIL);
    assert.equal(ev?.event.kind, 'dram');
    assert.equal(ev?.flags_bits.maintenance_needed, true);

    const progress = await runToEnd(r, r.ep.performPpr({ kind: 'soft', dpa, nibbleMask: 1 }));
    assert.deepEqual(progress, [0, 50, 100]);
    assert.deepEqual(await poisoned(r), [], 'the repaired row is no longer poisoned');
    const info = await drain(r, CXLMI_EVENT_LOG_INFO);
    assert.equal(info.length, 1, 'a Memory Sparing Event Record (sPPR has them on)');
    const rec = info[0];
    assert.equal(rec?.event.kind, 'memory_sparing');
    if (rec?.event.kind === 'memory_sparing') {
      const data = rec.event;
      assert.equal(data.maint_op_class, 1);
      assert.equal(data.res_avail, DEFAULT_RESOURCES.sppr - 1);
      assert.equal(data.row, 7);
    }
    // The same address fails again: the spare row is healthy, nothing is reported.
    assert.equal(r.device.ras.injectDramError({ dpa, uncorrectable: true }), undefined);
    assert.deepEqual(await poisoned(r), []);
    assert.deepEqual(await drain(r, CXLMI_EVENT_LOG_FAIL), []);
    // Another row is not covered.
    const other = dpaOf({ ...locate(dpa), row: 8 });
    assert.notEqual(r.device.ras.injectDramError({ dpa: other, uncorrectable: true }), undefined);
  });

  it('hPPR resources run out: Resources Exhausted; a second repair while one runs: Busy', async () => {
    const r = rig();
    for (let i = 0; i < DEFAULT_RESOURCES.hppr; i++) {
      const started = await r.ep.performPpr({ kind: 'hard', dpa: BigInt(i) * 0x100000n });
      assert.equal(started.background, true);
      if (i === 0) {
        const busy = await r.ep.performPpr({ kind: 'soft', dpa: 0x40n }).catch((e: unknown) => e);
        assert.ok(busy instanceof CxlmiCommandError && busy.retcode === CXLMI_RET_BUSY, String(busy));
      }
      r.tick(REPAIR_MS);
      await r.ep.bgOpStatus();
    }
    const e = await r.ep.performPpr({ kind: 'hard', dpa: 0x200000n }).catch((x: unknown) => x);
    assert.ok(e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_RESOURCEEXHAUSTED, String(e));
    assert.equal(r.device.ras.resources.hppr, 0);
    assert.equal(r.device.ras.repairs.length, 2);
  });

  it('sparing: query resources answers with a Memory Sparing Event Record and changes nothing', async () => {
    const r = rig();
    const q = await r.ep.performSparing({
      kind: 'row',
      queryResources: true,
      channel: 1,
      rank: 0,
      bankGroup: 3,
      bank: 1,
      row: 0x1234,
      nibbleMask: 0x30,
    });
    assert.equal(q.background, false);
    const [rec] = await drain(r, CXLMI_EVENT_LOG_INFO);
    assert.equal(rec?.event.kind, 'memory_sparing');
    if (rec?.event.kind === 'memory_sparing') {
      const data = rec.event;
      assert.equal(data.flags_bits.query_resources, true);
      assert.equal(data.maint_op_class, 2);
      assert.equal(data.maint_op_subclass, 1);
      assert.equal(data.res_avail, DEFAULT_RESOURCES['row-sparing']);
      assert.equal(data.row, 0x1234);
      assert.equal(data.nibble_mask, 0x30);
      assert.equal(data.validity_flags_bits.column_valid, false);
    }
    assert.equal(r.device.ras.repairs.length, 0);
  });

  it('sparing: bank sparing replaces every row of the bank; the helper asks for the fields each kind needs', async () => {
    const r = rig();
    const a = dpaOf({ channel: 0, rank: 1, bankGroup: 2, bank: 3, row: 1, column: 4 });
    const b = dpaOf({ channel: 0, rank: 1, bankGroup: 2, bank: 3, row: 2, column: 5 });
    const elsewhere = dpaOf({ channel: 0, rank: 1, bankGroup: 2, bank: 2, row: 1, column: 4 });
    for (const d of [a, b, elsewhere]) r.device.ras.injectDramError({ dpa: d, uncorrectable: true });
    await assert.rejects(
      r.ep.performSparing({ kind: 'bank', channel: 0, rank: 1, bankGroup: 2 }),
      /bank sparing needs bank/,
    );
    await runToEnd(
      r,
      r.ep.performSparing({ kind: 'bank', hard: true, channel: 0, rank: 1, bankGroup: 2, bank: 3 }),
    );
    assert.deepEqual(await poisoned(r), [elsewhere]);
    assert.equal(r.device.ras.resources['bank-sparing'], DEFAULT_RESOURCES['bank-sparing'] - 1);
  });

  it('sparing: a device offering only soft sparing refuses hard sparing before sending', async () => {
    const { sparingFeature } = await import('../../../src/emulator/memdev/ras/ras-features.js');
    const r = rig({ generic: { features: [sparingFeature('rank', { restrictionFlags: 0b100 })] } });
    await assert.rejects(
      r.ep.performSparing({ kind: 'rank', hard: true, channel: 0, rank: 0 }),
      /does not offer hard rank memory sparing/,
    );
    const ok = await r.ep.performSparing({ kind: 'rank', channel: 0, rank: 0 });
    assert.equal(ok.background, true);
  });

  it('a reset undoes soft repairs and gives their resources back; hard repairs stay', async () => {
    const r = rig();
    await runToEnd(r, r.ep.performPpr({ kind: 'soft', dpa: 0x4000n }));
    await runToEnd(r, r.ep.performPpr({ kind: 'hard', dpa: 0x2000_0000n }));
    r.device.reset();
    assert.deepEqual(
      r.device.ras.repairs.map((x) => x.kind),
      ['hppr'],
    );
    assert.equal(r.device.ras.resources.sppr, DEFAULT_RESOURCES.sppr);
  });
});
