/**
 * `cxlmi maintenance ppr|sparing`: Perform Maintenance (0600h, CXL r3.2 §8.2.10.7.1) by hand —
 * Post Package Repair of a DPA, or memory sparing of a DRAM address; `--query` only asks for the
 * resources left. Repairs ask first and show the background operation's progress.
 */
import { Argument, type Command } from 'commander';
import { ADDRESS_OPTIONS } from '../dram-address-options.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { SPARING_KIND_NAMES } from '../ras-names.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerMaintenance(program: Command, wrap: Wrap): void {
  const m = program
    .command('maintenance')
    .description('memory repair by hand: Post Package Repair and memory sparing (Perform Maintenance)');
  examples(
    m,
    'cxlmi --emulate maintenance ppr 0x40000 --query',
    'cxlmi maintenance sparing row emu:lab.sock --channel 1 --rank 0 --bank-group 3 --bank 1 --row 0x1234',
  );

  examples(
    m
      .command('ppr')
      .description('soft (default) or hard Post Package Repair of the row holding a DPA (asks first)')
      .argument('<dpa>', 'device physical address, 64-byte aligned')
      .argument(...TARGETS)
      .option('--hard', 'hard PPR: permanent')
      .option('--nibble-mask <mask>', 'nibbles of the failing DRAM devices (24 bits)')
      .option('--query', 'only ask for the repair resources left (no repair)'),
    'cxlmi --emulate maintenance ppr 0x40000 --yes',
    'cxlmi maintenance ppr 0x40000 emu:lab.sock --hard --nibble-mask 0x1',
  ).action(wrap(() => import('../actions/maintenance.js').then((m) => m.runPpr)));

  const sparing = m
    .command('sparing')
    .description('soft (default) or hard memory sparing of a cacheline, row, bank or rank (asks first)')
    .addArgument(new Argument('<kind>', 'cacheline, row, bank or rank').choices(SPARING_KIND_NAMES))
    .argument(...TARGETS)
    .option('--hard', 'hard sparing: permanent')
    .option('--query', 'only ask for the sparing resources left (no repair)');
  for (const [, flag] of ADDRESS_OPTIONS) sparing.option(`--${flag} <n>`, `DRAM ${flag.replace('-', ' ')}`);
  examples(
    sparing,
    'cxlmi --emulate maintenance sparing rank --channel 0 --rank 1 --query',
    'cxlmi maintenance sparing bank emu:lab.sock --channel 0 --rank 1 --bank-group 2 --bank 3 --hard',
  ).action(wrap(() => import('../actions/maintenance.js').then((m) => m.runSparing)));
}
