/** `cxlmi features set`: Set Feature (0502h), CXL r3.1 §8.2.9.6.3, as one full data transfer. */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { addNamedOptions } from '../ras-options.js';

export function registerFeaturesSet(features: Command, wrap: Wrap): void {
  examples(
    addNamedOptions(
      features
        .command('set')
        .description('change a feature: named options for the RAS features, or raw data (asks first)')
        .argument('<feature>', 'feature UUID, or a RAS feature name (see features get)')
        .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID')
        .option('--data <hex>', 'the new feature data as hex bytes')
        .option('--file <file>', 'the new feature data from a file')
        .option('--save', 'keep the value across resets (saved selection)'),
    ),
    'cxlmi --emulate features set patrol-scrub --cycle-hours 24 --enable --yes',
    'cxlmi --emulate features set ecs --fru 1 --threshold 1024 --yes',
    'cxlmi --emulate features set patrol-scrub --data 0c01 --yes',
    'cxlmi features set 96dad7d6-fde8-482b-a733-75774e06db8a emu:lab.sock --file scrub.bin --save --json',
  ).action(wrap(() => import('../actions/features-set.js').then((m) => m.runSet)));
}
