/** `cxlmi features list|get`: the Features command set (CXL r3.1 §8.2.9.6). */
import { type Command, Option } from 'commander';
import {
  FEATURE_SELECTION_CURRENT,
  FEATURE_SELECTION_DEFAULT,
  FEATURE_SELECTION_SAVED,
} from '../../commands/generic/features.js';
import type { Endpoint } from '../../endpoint/endpoint.js';
import { CxlmiUsageError } from '../../errors.js';
import { examples } from '../help.js';
import { hexDump } from '../hex.js';
import { table } from '../output.js';
import type { Wrap } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;
/** Features the spec defines, by name (CXL r3.1 §8.2.9.9.11). */
const FEATURE_NAMES: Record<string, string> = { '96dad7d6-fde8-482b-a733-75774e06db8a': 'patrol-scrub' };
const SELECTIONS = {
  current: FEATURE_SELECTION_CURRENT,
  default: FEATURE_SELECTION_DEFAULT,
  saved: FEATURE_SELECTION_SAVED,
};
/** Get Supported Features output header and entry sizes (Tables 8-96, 8-97). */
const HEADER = 8;
const ENTRY = 48;

/** Every supported-feature entry, asking in pages of 32 entries until the device has said all. */
async function allFeatures(run: Run, ep: Endpoint) {
  const first = await ep.getSupportedFeatures(
    { count: HEADER + 32 * ENTRY, starting_feature_index: 0 },
    run.call(),
  );
  const entries = [...first.supported_feature_entries];
  while (entries.length < first.device_supported_features) {
    const next = await ep.getSupportedFeatures(
      { count: HEADER + 32 * ENTRY, starting_feature_index: entries.length },
      run.call(),
    );
    if (next.supported_feature_entries.length === 0) break;
    entries.push(...next.supported_feature_entries);
  }
  return { device_supported_features: first.device_supported_features, supported_feature_entries: entries };
}

export function registerFeatures(program: Command, wrap: Wrap): void {
  const features = program.command('features').description('device features: list and read');
  examples(features, 'cxlmi --emulate features list', 'cxlmi features get patrol-scrub mem0');

  examples(
    features
      .command('list')
      .description('every feature the device supports')
      .argument(...TARGETS),
    'cxlmi --emulate features list',
    'cxlmi features list mem0 --json',
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
      .description("read a feature's data (hex)")
      .argument('<feature>', 'feature UUID, or patrol-scrub')
      .argument(...TARGETS)
      .addOption(
        new Option('--selection <which>', 'current, default or saved value')
          .choices(Object.keys(SELECTIONS))
          .default('current'),
      ),
    'cxlmi --emulate features get patrol-scrub',
    'cxlmi features get 96dad7d6-fde8-482b-a733-75774e06db8a mem0 --selection default --json',
  ).action(
    wrap(async (run, [name, ...targets], o) => {
      const byName = Object.entries(FEATURE_NAMES).find(([, n]) => n === name)?.[0];
      const feature_id = byName ?? name.toLowerCase();
      if (!/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(feature_id))
        throw new CxlmiUsageError(`'${name}' is neither a feature UUID nor a known feature name`);
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          const entry = (await allFeatures(run, ep)).supported_feature_entries.find(
            (f) => f.feature_id === feature_id,
          );
          if (!entry) throw new CxlmiUsageError(`${ep.description} does not support feature ${feature_id}`);
          const selection = SELECTIONS[o.selection as keyof typeof SELECTIONS];
          const r = await ep.getFeature(
            { feature_id, offset: 0, count: entry.get_feature_size, selection },
            run.call(),
          );
          return { feature_id, selection: String(o.selection), feature_data: r.feature_data };
        },
        (r) =>
          `  ${r.feature_id} (${r.selection}), ${r.feature_data.length} bytes\n${hexDump(r.feature_data, '    ')}`,
      );
    }),
  );
}
