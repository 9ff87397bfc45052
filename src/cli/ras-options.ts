/**
 * The named options of `cxlmi features set <ras-feature>` (what they are called, their help, which
 * features take them): registered with the subcommand; ras-set.ts applies them.
 */
import type { Command } from 'commander';
import type { RasFeatureName } from '../commands/generic/ras-features.js';
import { ECS_THRESHOLD_VALUES } from './ras-names.js';

/** The named options and which features take them. */
export const NAMED: [flag: string, key: string, help: string, features: readonly RasFeatureName[]][] = [
  ['--cycle-hours <h>', 'cycleHours', 'patrol scrub cycle in hours', ['patrol-scrub']],
  ['--enable', 'enable', 'turn patrol scrub on', ['patrol-scrub']],
  ['--disable', 'disable', 'turn patrol scrub off', ['patrol-scrub']],
  ['--fru <n>', 'fru', 'ECS: only this media FRU (default: all)', ['ecs']],
  ['--threshold <n>', 'threshold', `ECS errors per Gb: ${ECS_THRESHOLD_VALUES.join(', ')}`, ['ecs']],
  ['--count-mode <mode>', 'countMode', 'ECS counts rows or codewords', ['ecs']],
  ['--reset-counter', 'resetCounter', 'ECS: reset the error counter', ['ecs']],
  [
    '--sparing-events <on|off>',
    'sparingEvents',
    'PPR: Memory Sparing Event Records after repairs',
    ['sppr', 'hppr'],
  ],
  ['--repair-at-boot <on|off>', 'repairAtBoot', 'PPR: let the device repair at boot', ['sppr', 'hppr']],
  [
    '--device-initiated <on|off>',
    'deviceInitiated',
    'PPR / sparing: let the device start repairs itself',
    ['sppr', 'hppr', 'cacheline-sparing', 'row-sparing', 'bank-sparing', 'rank-sparing'],
  ],
];

export function addNamedOptions(cmd: Command): Command {
  for (const [flag, , help] of NAMED) cmd.option(flag, help);
  return cmd;
}

/** The named options given on the command line (keys as above). */
export function namedGiven(o: Record<string, unknown>): string[] {
  return NAMED.filter(([, key]) => o[key] !== undefined).map(([flag]) => flag.split(' ')[0] as string);
}
