/** `cxlmi features set`: Set Feature (0502h), CXL r3.1 §8.2.9.6.3, as one full data transfer. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { FEATURE_ACTION_FULL } from '../../commands/generic/features.js';
import { RAS_FEATURES, rasFeatureName } from '../../commands/generic/ras-features.js';
import { CxlmiUsageError } from '../../errors.js';
import { featureEntry, featureIdFrom } from '../feature-lookup.js';
import { examples } from '../help.js';
import { parseHex } from '../hex.js';
import type { Wrap } from '../program.js';
import { addNamedOptions, namedChange, namedGiven } from '../ras-set.js';
import { rasFeatureText } from '../ras-text.js';
import { perEndpoint } from '../run.js';

/** Set Feature Flags bit 3: the value is saved across reset (Table 8-101). */
const SAVED_ACROSS_RESET = 1 << 3;

async function dataFrom(o: Record<string, unknown>): Promise<Uint8Array> {
  if ((o.data === undefined) === (o.file === undefined))
    throw new CxlmiUsageError('give the feature data with either --data HEX or --file FILE');
  if (o.data !== undefined) return parseHex(String(o.data));
  const file = String(o.file);
  return new Uint8Array(
    await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new CxlmiUsageError(`cannot read ${file}: ${e.code ?? e.message}`);
    }),
  );
}

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
  ).action(
    wrap(async (run, [name, ...targets], o) => {
      const feature_id = featureIdFrom(name);
      const named = namedGiven(o);
      const ras = rasFeatureName(feature_id);
      if (named.length > 0) {
        if (!ras) throw new CxlmiUsageError(`${named.join(', ')} only apply to the RAS features`);
        if (o.data !== undefined || o.file !== undefined)
          throw new CxlmiUsageError(`give either ${named.join(', ')} or --data/--file, not both`);
        const apply = namedChange(ras, o);
        await perEndpoint(
          run,
          targets,
          async (ep) => {
            await run.confirm(`change ${ras} of ${run.label(ep)} (${named.join(', ')})`);
            return { feature_id, name: ras, fields: await apply(run, ep) };
          },
          (r) =>
            `  ${r.name}: ${RAS_FEATURES[r.name].title} now\n${rasFeatureText(r.name, r.fields, run.style.enabled)}`,
          { changes: 'features set', sends: 'setFeature' },
        );
        return;
      }
      const feature_data = await dataFrom(o);
      if (feature_data.length === 0) throw new CxlmiUsageError('the feature data is empty');
      const set_feature_flags = FEATURE_ACTION_FULL | (o.save ? SAVED_ACROSS_RESET : 0);
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          const entry = await featureEntry(run, ep, feature_id);
          if (entry.set_feature_size === 0)
            throw new CxlmiUsageError(`feature ${feature_id} of ${run.label(ep)} cannot be changed`);
          if (feature_data.length > entry.set_feature_size)
            throw new CxlmiUsageError(
              `feature ${feature_id} takes at most ${entry.set_feature_size} bytes, got ${feature_data.length}`,
            );
          await run.confirm(`change feature ${feature_id} of ${run.label(ep)}`);
          const req = {
            feature_id,
            set_feature_flags,
            offset: 0,
            version: entry.set_feature_version,
            feature_data,
          };
          await ep.setFeature(req, run.call());
          return req;
        },
        (r) =>
          `  ${r.feature_id}: wrote ${r.feature_data.length} bytes (version ${r.version}` +
          `${r.set_feature_flags & SAVED_ACROSS_RESET ? ', saved across reset' : ''})`,
        { changes: 'features set', sends: 'setFeature' },
      );
    }),
  );
}
