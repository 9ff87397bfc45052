/** `cxlmi features list|get|set`: the Features command set (CXL r3.1 §8.2.9.6). */
import { type Command, Option } from 'commander';
import {
  FEATURE_SELECTION_CURRENT,
  FEATURE_SELECTION_DEFAULT,
  FEATURE_SELECTION_SAVED,
} from '../../commands/generic/features.js';
import { RAS_FEATURES, rasFeatureName } from '../../commands/generic/ras-features.js';
import { allFeatures, FEATURE_NAMES, featureEntry, featureIdFrom } from '../feature-lookup.js';
import { examples } from '../help.js';
import { hexDump } from '../hex.js';
import { table } from '../output.js';
import type { Wrap } from '../program.js';
import { rasFeatureText } from '../ras-text.js';
import { perEndpoint } from '../run.js';
import { registerFeaturesSet } from './features-set.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;
/** What `<feature>` takes: a UUID or one of the RAS features' names. */
export const FEATURE_ARG = `feature UUID, or ${Object.keys(RAS_FEATURES).join(', ')}`;
const SELECTIONS = {
  current: FEATURE_SELECTION_CURRENT,
  default: FEATURE_SELECTION_DEFAULT,
  saved: FEATURE_SELECTION_SAVED,
};

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
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        (ep) => allFeatures(run, ep),
        (r) =>
          table(
            ['FEATURE', 'NAME', 'GET', 'SET', 'CHANGEABLE', 'VERSION'],
            r.supported_feature_entries.map((f) => [
              f.feature_id,
              FEATURE_NAMES[f.feature_id] ?? '-',
              `${f.get_feature_size} B`,
              `${f.set_feature_size} B`,
              f.attribute_flags_bits.changeable ? 'yes' : 'no',
              `${f.get_feature_version}/${f.set_feature_version}`,
            ]),
            run.style.enabled,
          ).replace(/^/gm, '  '),
      );
    }),
  );

  examples(
    features
      .command('get')
      .description("read a feature's data: decoded fields for the RAS features, hex otherwise")
      .argument('<feature>', FEATURE_ARG)
      .argument(...TARGETS)
      .addOption(
        new Option('--selection <which>', 'current, default or saved value')
          .choices(Object.keys(SELECTIONS))
          .default('current'),
      ),
    'cxlmi --emulate features get patrol-scrub',
    'cxlmi --emulate features get ecs --json',
    'cxlmi features get 96dad7d6-fde8-482b-a733-75774e06db8a emu:lab.sock --selection default --json',
  ).action(
    wrap(async (run, [name, ...targets], o) => {
      const feature_id = featureIdFrom(name);
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          const entry = await featureEntry(run, ep, feature_id);
          const selection = SELECTIONS[o.selection as keyof typeof SELECTIONS];
          const r = await ep.getFeature(
            { feature_id, offset: 0, count: entry.get_feature_size, selection },
            run.call(),
          );
          const name = rasFeatureName(feature_id);
          const fields = name ? RAS_FEATURES[name].read.decode(r.feature_data, name) : undefined;
          return { feature_id, name, selection: String(o.selection), feature_data: r.feature_data, fields };
        },
        (r) =>
          r.name && r.fields
            ? `  ${r.name}: ${RAS_FEATURES[r.name].title} (${r.selection})\n${rasFeatureText(r.name, r.fields, run.style.enabled)}`
            : `  ${r.feature_id} (${r.selection}), ${r.feature_data.length} bytes\n${hexDump(r.feature_data, '    ')}`,
      );
    }),
  );

  registerFeaturesSet(features, wrap);
}
