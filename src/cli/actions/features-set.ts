/**
 * Implementation of `cxlmi features set`: Set Feature (0502h), CXL r3.1 §8.2.9.6.3, as one full
 * data transfer.
 */

import { readFile } from 'node:fs/promises';
import { FEATURE_ACTION_FULL } from '../../commands/generic/features.js';
import { RAS_FEATURES, rasFeatureName } from '../../commands/generic/ras-features.js';
import { CxlmiUsageError } from '../../errors.js';
import { featureEntry, featureIdFrom } from '../feature-lookup.js';
import { parseHex } from '../hex.js';
import type { Action } from '../program.js';
import { namedGiven } from '../ras-options.js';
import { namedChange } from '../ras-set.js';
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

export const runSet: Action = async (run, [name, ...targets], o) => {
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
};
