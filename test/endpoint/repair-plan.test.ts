/** proposeRepair / runRepair against emulated devices with different RAS features. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patrolScrubFeature } from '../../src/emulator/generic/patrol-scrub.js';
import { emulatorTransport } from '../../src/emulator/link.js';
import { dpaOf } from '../../src/emulator/memdev/ras/dram-geometry.js';
import { pprFeature, sparingFeature } from '../../src/emulator/memdev/ras/ras-features.js';
import { Type3Device, type Type3Options } from '../../src/emulator/type3.js';
import { Endpoint } from '../../src/endpoint/endpoint.js';
import { proposeRepair, runRepair } from '../../src/endpoint/repair-plan.js';
import { CxlmiUsageError } from '../../src/errors.js';

async function setup(opts: Type3Options = {}) {
  const dev = new Type3Device(opts);
  const ep = new Endpoint(emulatorTransport(dev));
  const records = async (log = 2) => (await ep.getEventRecords({ event_log: log })).records;
  return { dev, ep, records };
}

const addr = { channel: 0, rank: 1, bankGroup: 4, bank: 2, row: 0x33, column: 7 };

describe('proposeRepair', () => {
  it('a General Media record gets sPPR of its DPA', async () => {
    const { dev, ep, records } = await setup();
    const dpa = dpaOf(addr);
    dev.ras.injectDramError({ dpa, uncorrectable: true, generalMedia: true });
    const gm = (await records()).find((r) => r.event.kind === 'general_media');
    assert.ok(gm);
    const p = await proposeRepair(ep, gm);
    assert.equal(p.feature, 'sppr');
    assert.deepEqual(p.ppr, { kind: 'soft', dpa });
    assert.equal(p.maintenanceNeeded, true);
    assert.deepEqual(p.unsafe, []);
  });

  it('without PPR, a DRAM record gets the finest sparing its address allows; General Media gets none', async () => {
    const { dev, ep, records } = await setup({
      generic: { features: [sparingFeature('row'), sparingFeature('rank'), patrolScrubFeature()] },
    });
    dev.ras.injectDramError({ dpa: dpaOf(addr), uncorrectable: true, generalMedia: true });
    const [gm, dram] = await records();
    assert.equal(dram?.event.kind, 'dram');
    const p = await proposeRepair(ep, dram!);
    assert.equal(p.feature, 'row-sparing');
    assert.deepEqual(p.sparing, {
      kind: 'row',
      hard: false,
      channel: 0,
      rank: 1,
      bankGroup: 4,
      bank: 2,
      row: 0x33,
      nibbleMask: 1,
    });
    await assert.rejects(proposeRepair(ep, gm!), /General Media record gives no DRAM address/);
  });

  it('a sparing that is not safe in use is proposed with the warning and refused unless forced', async () => {
    const { dev, ep, records } = await setup({
      generic: { features: [sparingFeature('bank', { restrictionFlags: 0b111 })] },
    });
    dev.ras.injectDramError({ dpa: dpaOf(addr), uncorrectable: true });
    const [dram] = await records();
    const p = await proposeRepair(ep, dram!, { hard: true });
    assert.equal(p.feature, 'bank-sparing');
    assert.deepEqual(p.unsafe, ['the device says memory sparing is not safe while the memory is in use']);
    await assert.rejects(
      runRepair(ep, p),
      (e: unknown) => e instanceof CxlmiUsageError && /refusing/.test(e.message),
    );
    assert.equal(dev.ras.repairs.length, 0);
    const r = await runRepair(ep, p, { force: true, wait: false });
    assert.equal(r.background, true);
  });

  it('hPPR whose media is inaccessible is flagged; records of other kinds are refused', async () => {
    const { dev, ep, records } = await setup({
      generic: { features: [pprFeature('hard', { restrictionFlags: 0b001 })] },
    });
    dev.ras.injectDramError({ dpa: dpaOf(addr), uncorrectable: true });
    const [dram] = await records();
    const p = await proposeRepair(ep, dram!, { hard: true });
    assert.deepEqual(p.unsafe, ['the device says the media is not accessible while it repairs']);
    await assert.rejects(proposeRepair(ep, dram!), /offers no repair/, 'no sPPR and no sparing');
    dev.generic.events.inject('memory_module', { event_type: 1 }, { log: 2 });
    const mm = (await records()).find((r) => r.event.kind === 'memory_module');
    await assert.rejects(proposeRepair(ep, mm!), /memory_module record; only DRAM and General Media/);
  });
});
