/**
 * `cxlmi mhd info|heads`: multi-headed devices (CXL r3.1 §7.6.7.5). The LD-pool CCI answers these;
 * from a head's CCI they go through the MHD tunnel, which `--mhd` asks for (and which is used by
 * itself when the head answers Unsupported and no tunnel was given).
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'a head of the MHD, or its LD-pool CCI'] as const;

export function registerMhd(program: Command, wrap: Wrap): void {
  const mhd = program.command('mhd').description('multi-headed devices: LD map and heads (FM-API)');
  examples(mhd, 'cxlmi --emulate=fabric mhd info', 'cxlmi --mhd mhd heads emu:fabric.sock#mhd0');

  examples(
    mhd
      .command('info')
      .description('LD count, head count, and which head each LD belongs to')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric mhd info',
    'cxlmi --mhd mhd info emu:fabric.sock#mhd0 --json',
  ).action(wrap(() => import('../actions/mhd.js').then((m) => m.runInfo)));

  examples(
    mhd
      .command('heads')
      .description('each head: its port and link')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric mhd heads',
    'cxlmi --mhd mhd heads emu:fabric.sock#mhd0 --json',
  ).action(wrap(() => import('../actions/mhd.js').then((m) => m.runHeads)));
}
