/**
 * `cxlmi dcd initiate-add|initiate-release|add-ref|remove-ref`: the fabric manager gives capacity
 * to a host or takes it back (FM-API 5604h-5607h, CXL r3.2 §7.6.7.6.5-8).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'the DCD (its FM-owned CCI, or a switch with --port N)'] as const;
/** `--policy` of initiate-add and initiate-release (their values: actions/dcd-fm-capacity.ts). */
export const SELECTION_POLICIES = ['free', 'contiguous', 'prescriptive', 'shared'] as const;
export const REMOVAL_POLICIES = ['tag', 'prescriptive'] as const;

export function registerDcdFmCapacity(dcd: Command, wrap: Wrap): void {
  examples(
    dcd
      .command('initiate-add')
      .description(
        'offer capacity to a host (Initiate Dynamic Capacity Add); the host answers with add-response',
      )
      .argument(...TARGETS)
      .option('--host <id>', 'the host (head) to offer it to', '0')
      .option('--region <n>', 'the DC region to take it from', '0')
      .addOption(
        new Option('--policy <policy>', 'how the device picks the extents')
          .choices(SELECTION_POLICIES)
          .default('free'),
      )
      .option('--length <size>', 'how much (free or contiguous policy)')
      .option('--extents <list>', 'prescriptive policy: START:LENGTH, comma separated')
      .option('--tag <uuid>', 'tag the new extents'),
    'cxlmi --emulate=fabric dcd initiate-add --length 64M',
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --host 1 --policy prescriptive --extents 0x50000000:128M --json',
  ).action(wrap(() => import('../actions/dcd-fm-capacity.js').then((m) => m.runInitiateAdd)));

  examples(
    dcd
      .command('initiate-release')
      .description('take capacity back from a host (Initiate Dynamic Capacity Release; asks first)')
      .argument(...TARGETS)
      .option('--host <id>', 'the host (head) holding it', '0')
      .addOption(
        new Option('--policy <policy>', 'which extents: all with --tag, or --extents')
          .choices(REMOVAL_POLICIES)
          .default('prescriptive'),
      )
      .option('--extents <list>', 'prescriptive policy: START:LENGTH, comma separated')
      .option('--tag <uuid>', 'tag policy: the tag of the extents')
      .option('--length <size>', 'how much to release')
      .option('--forced', 'remove at once, without asking the host')
      .option('--sanitize', 'sanitize the capacity on release'),
    'cxlmi --emulate=fabric dcd initiate-release --extents 0x40000000:128M --yes',
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 64M --tag 5f1c1a5e-0000-4000-8000-000000000001',
    'cxlmi dcd add-response emu:fabric.sock#mhd0 --extents 0x48000000:64M',
    'cxlmi dcd initiate-release emu:fabric.sock#mhd0 --policy tag --tag 5f1c1a5e-0000-4000-8000-000000000001 --forced --yes --json',
  ).action(wrap(() => import('../actions/dcd-fm-capacity.js').then((m) => m.runInitiateRelease)));

  for (const [name, verb, method] of [
    ['add-ref', 'take a fabric manager reference on', 'dcAddReference'],
    ['remove-ref', 'drop a fabric manager reference on', 'dcRemoveReference'],
  ] as const) {
    examples(
      dcd
        .command(name)
        .description(
          `${verb} the extents with a tag (Dynamic Capacity ${name === 'add-ref' ? 'Add' : 'Remove'} Reference)`,
        )
        .argument('<tag>', 'the tag (UUID)')
        .argument(...TARGETS),
      'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 64M --tag 5f1c1a5e-0000-4000-8000-000000000001',
      'cxlmi dcd add-response emu:fabric.sock#mhd0 --extents 0x48000000:64M',
      ...(name === 'remove-ref'
        ? ['cxlmi dcd add-ref 5f1c1a5e-0000-4000-8000-000000000001 emu:fabric.sock#mhd0']
        : []),
      `cxlmi dcd ${name} 5f1c1a5e-0000-4000-8000-000000000001 emu:fabric.sock#mhd0 --json`,
    ).action(wrap(() => import('../actions/dcd-fm-capacity.js').then((m) => m.runReference(name, method))));
  }
}
