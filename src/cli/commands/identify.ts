/**
 * `cxlmi identify [targets…]`: Identify (0001h) on each target and, on a memory device, Identify
 * Memory Device (4000h) as well — firmware revision, capacities, LSA size, event log sizes, poison
 * limits — as `nvme id-ctrl` shows a controller whole.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerIdentify(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('identify')
      .description(
        'identify each target: vendor, device, serial number, component type; on a memory device also firmware revision, capacities, LSA size and poison limits',
      )
      .argument('[targets...]', 'mem0, /dev/cxl/mem0, mctp:NET,EID or all (default: every /dev/cxl/mem*)'),
    'cxlmi --emulate identify',
    'cxlmi identify emu:lab.sock --json',
    'cxlmi --emulate identify --json --bigint=string',
  ).action(wrap(() => import('../actions/identify.js').then((m) => m.runIdentify)));
}
