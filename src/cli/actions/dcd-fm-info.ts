/**
 * Implementation of `cxlmi dcd info|regions|set-region|host-extents|tags`: the fabric manager's view of a DCD
 * (FM-API DCD Management 5600h-5603h, 5608h, CXL r3.2 §7.6.7.6).
 */

import { CxlmiUsageError } from '../../errors.js';
import { hostId } from '../dcd-args.js';
import { parseNumber } from '../hex.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseSize } from '../size.js';

export const runInfo: Action = async (run, targets) => {
  await perEndpoint(run, targets, (ep) => ep.getDcdInfo(run.call()));
};

export const runRegions: Action = async (run, targets, o) => {
  const host_id = hostId(o.host);
  await perEndpoint(run, targets, (ep) =>
    ep.getDcRegConfig({ host_id, region_cnt: 8, start_region_id: 0 }, run.call()),
  );
};

export const runSetRegion: Action = async (run, [region, ...targets], o) => {
  const req = {
    region_id: parseNumber('region', region, 7),
    block_sz: parseSize('--block-size', String(o.blockSize)),
    sanitize_on_release: o.sanitizeOnRelease ? 1 : 0,
  };
  if (req.block_sz === 0n || (req.block_sz & (req.block_sz - 1n)) !== 0n)
    throw new CxlmiUsageError(`--block-size must be a power of two, got '${o.blockSize}'`);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await ep.setDcRegionConfig(req, run.call());
      return req;
    },
    (r) => `  region ${r.region_id}: block size ${r.block_sz} bytes`,
    { changes: 'dcd set-region', sends: 'setDcRegionConfig' },
  );
};

export const runHostExtents: Action = async (run, targets, o) => {
  const host_id = hostId(o.host);
  await perEndpoint(run, targets, async (ep) => {
    const ask = (start_ext_index: number) =>
      ep.getDcRegionExtList({ host_id, extent_count: 64, start_ext_index }, run.call());
    const first = await ask(0);
    const extents = [...first.extents];
    while (extents.length < first.total_extents) {
      const more = await ask(extents.length);
      if (more.extents.length === 0) break;
      extents.push(...more.extents);
    }
    return { ...first, extents_returned: extents.length, extents };
  });
};

export const runTags: Action = async (run, targets) => {
  await perEndpoint(run, targets, async (ep) => {
    const first = await ep.dcListTags({ start_idx: 0, tags_count: 32 }, run.call());
    const tags_list = [...first.tags_list];
    while (tags_list.length < first.total_num_tags) {
      const more = await ep.dcListTags({ start_idx: tags_list.length, tags_count: 32 }, run.call());
      if (more.tags_list.length === 0) break;
      tags_list.push(...more.tags_list);
    }
    return { ...first, num_tags_returned: tags_list.length, tags_list };
  });
};
