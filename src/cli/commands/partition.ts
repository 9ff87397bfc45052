/** `cxlmi partition show|set`: Get/Set Partition Info (4100h/4101h), capacities in 256 MiB units. */
import type { Command } from 'commander';
import { CXL_CAPACITY_MULTIPLIER } from '../../commands/memdev/units.js';
import { examples } from '../help.js';
import { humanBytes } from '../output.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseMultiple } from '../size.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerPartition(program: Command, wrap: Wrap): void {
  const part = program.command('partition').description('volatile/persistent partitioning of the capacity');
  examples(part, 'cxlmi --emulate partition show', 'cxlmi partition set 1G emu:lab.sock');

  examples(
    part
      .command('show', { isDefault: true })
      .description('active and next volatile/persistent capacity, with the totals')
      .argument(...TARGETS),
    'cxlmi --emulate partition show',
    'cxlmi partition show emu:lab.sock --json',
  ).action(
    wrap(async (run, targets) => {
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
    }),
  );

  examples(
    part
      .command('set')
      .description('set the volatile capacity (the rest is persistent); asks first')
      .argument('<volatile>', 'volatile capacity: 0, 256M, 1G, … (a multiple of 256 MiB)')
      .argument(...TARGETS)
      .option('--now', 'apply immediately instead of on the next cold reset'),
    'cxlmi --emulate partition set 512M --now --yes',
    'cxlmi partition set 1G emu:lab.sock',
  ).action(
    wrap(async (run, [size, ...targets], o) => {
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
    }),
  );
}
