/** `cxlmi features list|get|set`: the Features command set (CXL r3.1 §8.2.9.6). */
import { type Command, Option } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { RAS_FEATURE_NAMES } from '../ras-names.js';
import { registerFeaturesSet } from './features-set.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;
/** What `<feature>` takes: a UUID or one of the RAS features' names. */
export const FEATURE_ARG = `feature UUID, or ${RAS_FEATURE_NAMES.join(', ')}`;
/** `features get --selection` (their values: actions/features.ts). */
export const SELECTIONS = ['current', 'default', 'saved'] as const;

export function registerFeatures(program: Command, wrap: Wrap): void {
  const features = program.command('features').description('device features: list, read and change');
  examples(
    features,
    'cxlmi --emulate features list',
    'cxlmi features get patrol-scrub emu:lab.sock',
    'cxlmi features set patrol-scrub emu:lab.sock --data 0c01 --yes',
  );

  examples(
    features
      .command('list')
      .description('every feature the device supports')
      .argument(...TARGETS),
    'cxlmi --emulate features list',
    'cxlmi features list emu:lab.sock --json',
  ).action(wrap(() => import('../actions/features.js').then((m) => m.runList)));

  examples(
    features
      .command('get')
      .description("read a feature's data: decoded fields for the RAS features, hex otherwise")
      .argument('<feature>', FEATURE_ARG)
      .argument(...TARGETS)
      .addOption(
        new Option('--selection <which>', 'current, default or saved value')
          .choices(SELECTIONS)
          .default('current'),
      ),
    'cxlmi --emulate features get patrol-scrub',
    'cxlmi --emulate features get ecs --json',
    'cxlmi features get 96dad7d6-fde8-482b-a733-75774e06db8a emu:lab.sock --selection default --json',
  ).action(wrap(() => import('../actions/features.js').then((m) => m.runGet)));

  registerFeaturesSet(features, wrap);
}
