/**
 * `cxlmi dcd info|regions|set-region|host-extents|tags`: the fabric manager's view of a DCD
 * (FM-API DCD Management 5600h-5603h, 5608h, CXL r3.2 §7.6.7.6).
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'the DCD (its FM-owned CCI, or a switch with --port N)'] as const;
const HOST = ['--host <id>', 'the host (head) of the DCD', '0'] as const;

export function registerDcdFmInfo(dcd: Command, wrap: Wrap): void {
  examples(
    dcd
      .command('info')
      .description('hosts, regions, policies and capacity of the DCD (Get DCD Info)')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric dcd info',
    'cxlmi dcd info emu:fabric.sock#mhd0 --json',
  ).action(wrap(() => import('../actions/dcd-fm-info.js').then((m) => m.runInfo)));

  examples(
    dcd
      .command('regions')
      .description("a host's DC region configuration (Get Host DC Region Configuration)")
      .argument(...TARGETS)
      .option(...HOST),
    'cxlmi --emulate=fabric dcd regions',
    'cxlmi dcd regions emu:fabric.sock#mhd0 --host 1 --json',
  ).action(wrap(() => import('../actions/dcd-fm-info.js').then((m) => m.runRegions)));

  examples(
    dcd
      .command('set-region')
      .description(
        "change a DC region's block size (Set DC Region Configuration; the region must hold no extents)",
      )
      .argument('<region>', 'region number 0-7')
      .argument(...TARGETS)
      .requiredOption(
        '--block-size <size>',
        'the new block size, a power of two the region supports (2M, 64K…)',
      )
      .option('--sanitize-on-release', 'the region sanitizes capacity when it is released'),
    'cxlmi dcd initiate-release emu:fabric.sock#mhd0 --extents 0x40000000:128M --forced --yes   # empty the region first',
    'cxlmi dcd set-region 0 emu:fabric.sock#mhd0 --block-size 4M --json',
  ).action(wrap(() => import('../actions/dcd-fm-info.js').then((m) => m.runSetRegion)));

  examples(
    dcd
      .command('host-extents')
      .description('the extents a host holds, as the fabric manager sees them (Get DC Region Extent Lists)')
      .argument(...TARGETS)
      .option(...HOST),
    'cxlmi --emulate=fabric dcd host-extents',
    'cxlmi dcd host-extents emu:fabric.sock#mhd0 --host 1 --json',
  ).action(wrap(() => import('../actions/dcd-fm-info.js').then((m) => m.runHostExtents)));

  examples(
    dcd
      .command('tags')
      .description('the extent tags in use and which hosts reference them (Dynamic Capacity List Tags)')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric dcd tags',
    'cxlmi dcd tags emu:fabric.sock#mhd0 --json',
  ).action(wrap(() => import('../actions/dcd-fm-info.js').then((m) => m.runTags)));
}
