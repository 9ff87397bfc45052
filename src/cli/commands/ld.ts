/**
 * `cxlmi ld info|allocations|set-allocations|qos`: the FM-API MLD Components commands (CXL r3.1 §7.6.7.4), on an
 * MLD's FM-owned LD CCI, or through a switch with `--port N`.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import { allocationTable } from '../ld-text.js';
import { humanBytes } from '../output.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';
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
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(run, targets, (ep) => ep.getLdInfo(run.call()), {
        format: { memory_size: (v: bigint) => `${humanBytes(v)} (${v} bytes)` },
      });
    }),
  );

  examples(
    ld
      .command('allocations')
      .description('the memory each LD is allocated')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld allocations',
    'cxlmi --port 2 ld allocations emu:fabric.sock#switch0 --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        (ep) => ep.getLdAllocations({ start_ld_id: 0, ld_allocation_list_limit: 0xff }, run.call()),
        (r) => allocationTable(r.start_ld_id, r.ld_allocation_list, r.memory_granularity, run.style.enabled),
      );
    }),
  );

  registerLdSetAllocations(ld, wrap);
  registerLdQos(ld, wrap);
}
