/** The CLI's copies of the RAS tables' names (src/cli/ras-names.ts) match the tables, in order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ECS_THRESHOLD_VALUES, RAS_FEATURE_NAMES, SPARING_KIND_NAMES } from '../../src/cli/ras-names.js';
import { ECS_THRESHOLDS, RAS_FEATURES } from '../../src/commands/generic/ras-features.js';
import { SPARING_KINDS } from '../../src/endpoint/ras-features.js';

test('RAS feature names are the keys of RAS_FEATURES, in its order', () => {
  assert.deepEqual([...RAS_FEATURE_NAMES], Object.keys(RAS_FEATURES));
});

test('sparing kinds are SPARING_KINDS, in its order', () => {
  assert.deepEqual([...SPARING_KIND_NAMES], [...SPARING_KINDS]);
});

test('ECS thresholds are the values of ECS_THRESHOLDS, in its order', () => {
  assert.deepEqual([...ECS_THRESHOLD_VALUES], Object.values(ECS_THRESHOLDS));
});
