/**
 * The RAS features' names as the CLI's help and choices list them, without loading their layouts
 * (src/commands/generic/ras-features.ts, the source of truth, evaluates a dozen layouts when
 * loaded; `cxlmi --help` should not). The type checks below fail the build if a name is added to or
 * removed from the library's tables without this list; test/cli/ras-names.test.ts checks order
 * and the ECS thresholds against the tables themselves.
 */
import type { RasFeatureName, SparingKind } from '../commands/generic/ras-features.js';

/** Exactly the names of the union `U`, or a type error. */
type Exhaustive<T extends readonly unknown[], U> = [Exclude<U, T[number]>] extends [never] ? T : never;

/** `Object.keys(RAS_FEATURES)`. */
export const RAS_FEATURE_NAMES = [
  'patrol-scrub',
  'ecs',
  'sppr',
  'hppr',
  'cacheline-sparing',
  'row-sparing',
  'bank-sparing',
  'rank-sparing',
] as const satisfies readonly RasFeatureName[];
RAS_FEATURE_NAMES satisfies Exhaustive<typeof RAS_FEATURE_NAMES, RasFeatureName>;

/** `SPARING_KINDS` (src/endpoint/ras-features.ts). */
export const SPARING_KIND_NAMES = [
  'cacheline',
  'row',
  'bank',
  'rank',
] as const satisfies readonly SparingKind[];
SPARING_KIND_NAMES satisfies Exhaustive<typeof SPARING_KIND_NAMES, SparingKind>;

/** `Object.values(ECS_THRESHOLDS)`: the ECS error thresholds (errors per Gb) a device may take. */
export const ECS_THRESHOLD_VALUES: readonly number[] = [256, 1024, 4096];
