/** Implementation of `cxlmi features list|get|set`: the Features command set (CXL r3.1 §8.2.9.6). */

import {
  FEATURE_SELECTION_CURRENT,
  FEATURE_SELECTION_DEFAULT,
  FEATURE_SELECTION_SAVED,
} from '../../commands/generic/features.js';
import { RAS_FEATURES, rasFeatureName } from '../../commands/generic/ras-features.js';
import type { SELECTIONS } from '../commands/features.js';
import { allFeatures, FEATURE_NAMES, featureEntry, featureIdFrom } from '../feature-lookup.js';
import { hexDump } from '../hex.js';
import { table } from '../output.js';
import type { Action } from '../program.js';
import { rasFeatureText } from '../ras-text.js';
import { perEndpoint } from '../run.js';

/** `--selection` values (Get Feature's Selection field). */
const SELECTION_VALUES: Record<(typeof SELECTIONS)[number], number> = {
  current: FEATURE_SELECTION_CURRENT,
  default: FEATURE_SELECTION_DEFAULT,
  saved: FEATURE_SELECTION_SAVED,
};

export const runList: Action = async (run, targets) => {
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
};

export const runGet: Action = async (run, [name, ...targets], o) => {
  const feature_id = featureIdFrom(name);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const entry = await featureEntry(run, ep, feature_id);
      const selection = SELECTION_VALUES[o.selection as (typeof SELECTIONS)[number]];
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
};
