/**
 * `cxlmi fabric`: the whole topology as a tree — every switch target walked (identity, ports,
 * virtual switches and their bindings) and every memory device target identified — with a progress
 * bar over the endpoints.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerFabric(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('fabric')
      .description('the topology as a tree: switches, their ports and virtual switches, and the devices')
      .argument('[targets...]', 'switches and devices (or --emulate=fabric, --scan)'),
    'cxlmi --emulate=fabric fabric',
    'cxlmi fabric emu:fabric.sock --json',
  ).action(wrap(() => import('../actions/fabric.js').then((m) => m.runFabric)));
}
