/** The exporter's RAS probe against the emulator: scrub, ECS per FRU, repair resources from records. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { patrolScrubFeature } from '../../src/emulator/generic/patrol-scrub.js';
import { emulatorTransport } from '../../src/emulator/link.js';
import { REPAIR_MS } from '../../src/emulator/memdev/handlers/maintenance.js';
import { DEFAULT_RESOURCES } from '../../src/emulator/memdev/ras/ras-state.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Endpoint } from '../../src/endpoint/endpoint.js';
import { METRICS } from '../../src/exporter/probes.js';
import { rasProbe } from '../../src/exporter/ras-probe.js';

const ctx = (signal: AbortSignal) => ({
  id: {} as never,
  signal,
  once: <T>(_k: string, fn: () => Promise<T>) => fn(),
});

function values(samples: { metric: string; value: number; labels?: Record<string, string> }[]) {
  return Object.fromEntries(
    samples.map((s) => [`${s.metric}${s.labels ? JSON.stringify(s.labels) : ''}`, s.value]),
  );
}

describe('exporter RAS probe', () => {
  it('reports scrub, ECS per FRU and the resources the last Memory Sparing records gave', async () => {
    let now = 0;
    const dev = new Type3Device({ clock: () => now });
    const ep = new Endpoint(emulatorTransport(dev));
    await ep.setPatrolScrub({ cycleHours: 36, enabled: true });
    await ep.setEcs({ fru: 2, threshold: 1024, countMode: 'codewords' });
    await ep.performPpr({ kind: 'soft', dpa: 0x1000n });
    now += REPAIR_MS;
    await ep.bgOpStatus();
    await ep.performSparing({ kind: 'rank', channel: 0, rank: 1, queryResources: true });
    const s = await rasProbe.collect(ep, ctx(AbortSignal.timeout(5000)));
    for (const x of s) assert.ok(METRICS[x.metric], `${x.metric} is a declared metric family`);
    const v = values(s);
    assert.equal(v.cxl_patrol_scrub_enabled, 1);
    assert.equal(v.cxl_patrol_scrub_cycle_seconds, 36 * 3600);
    assert.equal(v.cxl_patrol_scrub_min_cycle_seconds, 3600);
    assert.equal(v['cxl_ecs_threshold_errors_per_gb{"fru":"0"}'], 256);
    assert.equal(v['cxl_ecs_threshold_errors_per_gb{"fru":"2"}'], 1024);
    assert.equal(v['cxl_ecs_counts_codewords{"fru":"2"}'], 1);
    assert.equal(v['cxl_ecs_counts_codewords{"fru":"1"}'], 0);
    assert.equal(v['cxl_repair_resources_available{"repair":"sppr"}'], DEFAULT_RESOURCES.sppr - 1);
    assert.equal(
      v['cxl_repair_resources_available{"repair":"rank-sparing"}'],
      DEFAULT_RESOURCES['rank-sparing'],
    );
    assert.equal(v['cxl_repair_resources_available{"repair":"hppr"}'], undefined, 'never reported');
    // It only read: the records are still in the log.
    assert.equal((await ep.getEventRecords({ event_log: 0 })).records.length, 2);
  });

  it('a device with only patrol scrub gives only the scrub metrics', async () => {
    const dev = new Type3Device({ generic: { features: [patrolScrubFeature()] } });
    const s = await rasProbe.collect(new Endpoint(emulatorTransport(dev)), ctx(AbortSignal.timeout(5000)));
    assert.deepEqual(
      s.map((x) => x.metric),
      ['cxl_patrol_scrub_enabled', 'cxl_patrol_scrub_cycle_seconds', 'cxl_patrol_scrub_min_cycle_seconds'],
    );
  });
});
