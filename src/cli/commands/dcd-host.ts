/**
 * `cxlmi dcd add-response|release`: the host's side of dynamic capacity, Add Dynamic Capacity
 * Response (4802h) and Release Dynamic Capacity (4803h), CXL r3.1 §8.2.9.9.9.3-4.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerDcdHost(dcd: Command, wrap: Wrap): void {
  examples(
    dcd
      .command('add-response')
      .description('accept (some of) the capacity the device offered, or decline the offer')
      .argument(...TARGETS)
      .option('--extents <list>', 'the extents accepted: START:LENGTH, comma separated')
      .option('--decline', 'accept none of the offer')
      .option('--more', 'more responses to this offer follow'),
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 64M   # the fabric manager offers',
    'cxlmi dcd add-response emu:fabric.sock#mhd0 --extents 0x48000000:64M   # the host accepts',
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 32M',
    'cxlmi dcd add-response emu:fabric.sock#mhd0 --decline --json',
  ).action(wrap(() => import('../actions/dcd-host.js').then((m) => m.runAddResponse)));

  examples(
    dcd
      .command('release')
      .description('give capacity back to the device (asks first: its data is gone)')
      .argument(...TARGETS)
      .requiredOption('--extents <list>', 'the extents released: START:LENGTH, comma separated')
      .option('--more', 'more releases follow'),
    'cxlmi --emulate=fabric dcd release --extents 0x40000000:2M --yes',
    'cxlmi dcd release emu:fabric.sock#mhd0 --extents 0x40000000:128M --json --yes',
  ).action(wrap(() => import('../actions/dcd-host.js').then((m) => m.runRelease)));
}
