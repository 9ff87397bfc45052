/** What `cxlmi` runs for the subcommands registered in commands/partition.ts. */

import { CXL_CAPACITY_MULTIPLIER } from '../../commands/memdev/units.js';
import { humanBytes } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseMultiple } from '../size.js';

export const runShow: Action = async (run, targets) => {
  await perEndpoint(run, targets, async (ep) => {
    const id = await ep.memdevIdentify(run.call());
    const p = await ep.getPartitionInfo(run.call());
    return {
      total_capacity: id.total_capacity,
      total_capacity_bytes: id.total_capacity_bytes,
      partition_align: id.partition_align,
      partition_align_bytes: id.partition_align_bytes,
      ...p,
    };
  });
};

export const runSet: Action = async (run, [size, ...targets], o) => {
  const bytes = parseMultiple('volatile capacity', size, CXL_CAPACITY_MULTIPLIER, '256 MiB');
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await run.confirm(
        `repartition ${run.label(ep)} to ${humanBytes(bytes)} volatile${o.now ? ' now' : ' at the next reset'} (data in changed partitions is lost)`,
      );
      await ep.setPartitionInfo(
        { volatile_capacity: bytes / CXL_CAPACITY_MULTIPLIER, flags: o.now ? 1 : 0 },
        run.call(),
      );
      return await ep.getPartitionInfo(run.call());
    },
    {},
    { changes: 'partition set', sends: 'setPartitionInfo' },
  );
};
