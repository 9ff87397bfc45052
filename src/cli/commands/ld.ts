/**
 * `cxlmi ld info|allocations|qos`: the FM-API MLD Components commands (CXL r3.1 §7.6.7.4), on an
 * MLD's FM-owned LD CCI, or through a switch with `--port N`.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import { humanBytes, table } from '../output.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';

const TARGETS = ['[targets...]', 'the MLD (or a switch, with --port N)'] as const;
/** Memory Granularity of Get LD Allocations (Table 7-39): 256 MiB, 512 MiB, 1 GiB. */
const GRANULARITY = [256n << 20n, 512n << 20n, 1n << 30n];

export function registerLd(program: Command, wrap: Wrap): void {
  const ld = program.command('ld').description('logical devices of a multi-logical device (FM-API)');
  examples(ld, 'cxlmi --emulate=fabric ld info', 'cxlmi --port 2 ld allocations mctp:1,8');

  examples(
    ld
      .command('info')
      .description('memory size, LD count, QoS telemetry capability')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld info',
    'cxlmi --port 2 ld info mctp:1,8 --json',
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
    'cxlmi --port 2 ld allocations mctp:1,8 --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        (ep) => ep.getLdAllocations({ start_ld_id: 0, ld_allocation_list_limit: 0xff }, run.call()),
        (r) => {
          const unit = GRANULARITY[r.memory_granularity];
          const size = (mult: bigint) => (unit === undefined ? String(mult) : humanBytes(mult * unit));
          return table(
            ['LD', 'RANGE 1', 'RANGE 2'],
            r.ld_allocation_list.map((a, i) => [
              String(r.start_ld_id + i),
              size(a.range_1_allocation_mult),
              size(a.range_2_allocation_mult),
            ]),
            run.style.enabled,
          ).replace(/^/gm, '  ');
        },
      );
    }),
  );

  examples(
    ld
      .command('qos')
      .description('QoS control and status of the MLD')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld qos',
    'cxlmi --port 2 ld qos mctp:1,8 --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(run, targets, async (ep) => ({
        control: await ep.getQosControl(run.call()),
        status: await ep.getQosStatus(run.call()),
      }));
    }),
  );
}
