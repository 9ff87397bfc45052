/**
 * Memory RAS metrics: patrol scrub and DDR5 ECS settings read with Get Feature, and the repair
 * resources the device last reported in a Memory Sparing Event Record (CXL r3.2 Table 8-60). The
 * probe only reads: it never asks for a resource query (that would add records to the device's
 * log), it uses the records already there, without clearing them.
 */

import { FEATURE_SELECTION_CURRENT } from '../commands/generic/features.js';
import { MAINT_CLASS_PPR, MAINT_CLASS_SPARING } from '../commands/generic/maintenance.js';
import {
  ECS_THRESHOLDS,
  ECS_UUID,
  ecsRead,
  PATROL_SCRUB_UUID,
  patrolScrubRead,
} from '../commands/generic/ras-features.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { supportedFeatures } from '../endpoint/ras-features.js';
import type { MetricFamily, Probe, Sample } from './probes.js';

export const RAS_METRICS: Record<string, MetricFamily> = {
  cxl_patrol_scrub_enabled: {
    help: 'Device patrol scrub is running in the background (1) or not (0).',
    type: 'gauge',
  },
  cxl_patrol_scrub_cycle_seconds: { help: 'Patrol scrub cycle the device is set to.', type: 'gauge' },
  cxl_patrol_scrub_min_cycle_seconds: {
    help: 'Shortest patrol scrub cycle the device allows.',
    type: 'gauge',
  },
  cxl_ecs_threshold_errors_per_gb: {
    help: 'DDR5 ECS error threshold of each media FRU, in errors per Gb (absent for a reserved setting).',
    type: 'gauge',
    labels: ['fru'],
  },
  cxl_ecs_counts_codewords: {
    help: 'DDR5 ECS of each media FRU counts codewords with errors (1) or rows with errors (0).',
    type: 'gauge',
    labels: ['fru'],
  },
  cxl_repair_resources_available: {
    help: 'Repair resources left as the last Memory Sparing Event Record in the Informational log reported them, by repair (sppr, hppr, cacheline/row/bank/rank-sparing).',
    type: 'gauge',
    labels: ['repair'],
  },
};

const REPAIR_NAMES: Record<number, readonly string[]> = {
  [MAINT_CLASS_PPR]: ['sppr', 'hppr'],
  [MAINT_CLASS_SPARING]: ['cacheline-sparing', 'row-sparing', 'bank-sparing', 'rank-sparing'],
};

async function current(ep: Endpoint, uuid: string, size: number, signal: AbortSignal): Promise<Uint8Array> {
  const r = await ep.getFeature(
    { feature_id: uuid, offset: 0, count: size, selection: FEATURE_SELECTION_CURRENT },
    { signal },
  );
  return r.feature_data;
}

export const rasProbe: Probe = {
  name: 'ras',
  async collect(ep, { signal }) {
    const out: Sample[] = [];
    const features = await supportedFeatures(ep, { signal });
    const scrub = features.find((f) => f.feature_id === PATROL_SCRUB_UUID);
    if (scrub) {
      const s = patrolScrubRead.decode(
        await current(ep, scrub.feature_id, scrub.get_feature_size, signal),
        'patrol-scrub',
      );
      out.push(
        { metric: 'cxl_patrol_scrub_enabled', value: s.scrub_flags_bits.enabled ? 1 : 0 },
        { metric: 'cxl_patrol_scrub_cycle_seconds', value: s.scrub_cycle_hours * 3600 },
        { metric: 'cxl_patrol_scrub_min_cycle_seconds', value: s.min_scrub_cycle_hours * 3600 },
      );
    }
    const ecs = features.find((f) => f.feature_id === ECS_UUID);
    if (ecs) {
      const e = ecsRead.decode(await current(ep, ecs.feature_id, ecs.get_feature_size, signal), 'ecs');
      e.fru_attrs.forEach((f, i) => {
        const labels = { fru: String(i) };
        const t = ECS_THRESHOLDS[f.threshold_count];
        if (t !== undefined) out.push({ metric: 'cxl_ecs_threshold_errors_per_gb', value: t, labels });
        out.push({ metric: 'cxl_ecs_counts_codewords', value: f.count_mode, labels });
      });
    }
    // The newest Memory Sparing record per repair in the Informational log (read, not cleared).
    const info = await ep.getEventRecords({ event_log: 0 }, { signal });
    const last = new Map<string, number>();
    for (const r of info.records) {
      if (r.event.kind !== 'memory_sparing') continue;
      const name = REPAIR_NAMES[r.event.maint_op_class]?.[r.event.maint_op_subclass];
      if (name) last.set(name, r.event.res_avail);
    }
    for (const [repair, value] of last)
      out.push({ metric: 'cxl_repair_resources_available', value, labels: { repair } });
    return out;
  },
};
