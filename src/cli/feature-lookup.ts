/** Finding a feature for `features get|set`: names for known UUIDs and the supported-feature list. */
import { RAS_FEATURES, type RasFeatureName } from '../commands/generic/ras-features.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiUsageError } from '../errors.js';
import type { Run } from './run.js';

/** Features the spec defines, by name: the memory RAS features (CXL r3.2 §8.2.10.7.2, §8.2.10.9.11). */
export const FEATURE_NAMES: Record<string, string> = Object.fromEntries(
  (Object.keys(RAS_FEATURES) as RasFeatureName[]).map((n) => [RAS_FEATURES[n].uuid, n]),
);
/** Get Supported Features output header and entry sizes (Tables 8-96, 8-97). */
const HEADER = 8;
const ENTRY = 48;

/** Every supported-feature entry, asking in pages of 32 entries until the device has said all. */
export async function allFeatures(run: Run, ep: Endpoint) {
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

/** A feature UUID from the command line: a UUID, or the name of a known feature. */
export function featureIdFrom(name: string): string {
  const byName = Object.entries(FEATURE_NAMES).find(([, n]) => n === name)?.[0];
  const feature_id = byName ?? name.toLowerCase();
  if (!/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(feature_id))
    throw new CxlmiUsageError(`'${name}' is neither a feature UUID nor a known feature name`);
  return feature_id;
}

/** The device's entry for `feature_id`; a usage error when it does not support it. */
export async function featureEntry(run: Run, ep: Endpoint, feature_id: string) {
  const entry = (await allFeatures(run, ep)).supported_feature_entries.find(
    (f) => f.feature_id === feature_id,
  );
  if (!entry) throw new CxlmiUsageError(`${ep.description} does not support feature ${feature_id}`);
  return entry;
}
