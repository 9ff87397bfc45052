/**
 * `cxlmi ld info|allocations|set-allocations|qos`: the FM-API MLD Components commands (CXL r3.1 §7.6.7.4), on an
 * MLD's FM-owned LD CCI, or through a switch with `--port N`.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { registerLdQos } from './ld-qos.js';
import { registerLdSetAllocations } from './ld-set-allocations.js';

const TARGETS = ['[targets...]', 'the MLD (or a switch, with --port N)'] as const;

export function registerLd(program: Command, wrap: Wrap): void {
  const ld = program.command('ld').description('logical devices of a multi-logical device (FM-API)');
  examples(ld, 'cxlmi --emulate=fabric ld info', 'cxlmi --port 2 ld allocations emu:fabric.sock#switch0');

  examples(
    ld
      .command('info')
      .description('memory size, LD count, QoS telemetry capability')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld info',
    'cxlmi --port 2 ld info emu:fabric.sock#switch0 --json',
  ).action(wrap(() => import('../actions/ld.js').then((m) => m.runInfo)));

  examples(
    ld
      .command('allocations')
      .description('the memory each LD is allocated')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld allocations',
    'cxlmi --port 2 ld allocations emu:fabric.sock#switch0 --json',
  ).action(wrap(() => import('../actions/ld.js').then((m) => m.runAllocations)));

  registerLdSetAllocations(ld, wrap);
  registerLdQos(ld, wrap);
}
