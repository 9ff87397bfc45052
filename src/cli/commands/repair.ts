/**
 * `cxlmi repair`: from the DRAM / General Media event records that ask for maintenance to the
 * matching repair (sPPR/hPPR or the finest memory sparing the device offers), checked against the
 * device's restriction flags, confirmed naming the device and the address, run, reported.
 */
import { type Command, Option } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerRepair(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('repair')
      .description(
        'repair the memory DRAM / General Media events ask maintenance for: PPR or memory sparing (asks first)',
      )
      .argument(...TARGETS)
      .addOption(
        new Option('--log <name>', 'event log to read: warn, fail, fatal or all three')
          .choices(['warn', 'fail', 'fatal', 'all'])
          .default('all'),
      )
      .option('--handle <n>', 'repair for this record only (even without the maintenance-needed flag)')
      .option('--hard', 'permanent repair: hPPR or hard sparing (default: soft)')
      .option('--sparing', 'memory sparing even where PPR is offered')
      .option('--dry-run', 'only say which repair each record would get')
      .option('--force', 'run even when the device says data is not retained or media is inaccessible'),
    'cxlmi repair emu:lab.sock --dry-run',
  ).action(wrap(() => import('../actions/repair.js').then((m) => m.runRepairCommand)));
}
