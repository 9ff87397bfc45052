/** `cxlmi partition show|set`: Get/Set Partition Info (4100h/4101h), capacities in 256 MiB units. */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

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
  ).action(wrap(() => import('../actions/partition.js').then((m) => m.runShow)));

  examples(
    part
      .command('set')
      .description('set the volatile capacity (the rest is persistent); asks first')
      .argument('<volatile>', 'volatile capacity: 0, 256M, 1G, … (a multiple of 256 MiB)')
      .argument(...TARGETS)
      .option('--now', 'apply immediately instead of on the next cold reset'),
    'cxlmi --emulate partition set 512M --now --yes',
    'cxlmi partition set 1G emu:lab.sock',
  ).action(wrap(() => import('../actions/partition.js').then((m) => m.runSet)));
}
