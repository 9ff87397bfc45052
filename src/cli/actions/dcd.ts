/** What `cxlmi` runs for the subcommands registered in commands/dcd.ts. */
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

export const runConfig: Action = async (run, targets) => {
  await perEndpoint(run, targets, (ep) => ep.getDcConfig({ region_cnt: 8, start_region_id: 0 }, run.call()));
};

export const runExtents: Action = async (run, targets) => {
  await perEndpoint(run, targets, async (ep) => {
    const first = await ep.getDcExtentList({ extent_cnt: 64, start_extent_idx: 0 }, run.call());
    const extents = [...first.extents];
    while (extents.length < first.total_num_extents) {
      const more = await ep.getDcExtentList({ extent_cnt: 64, start_extent_idx: extents.length }, run.call());
      if (more.extents.length === 0) break;
      extents.push(...more.extents);
    }
    return { ...first, num_extents_returned: extents.length, extents };
  });
};
