/**
 * The memory RAS features (patrol scrub, DDR5 ECS, sPPR, hPPR, four kinds of memory sparing) read
 * and changed by name on top of Get Supported Features / Get Feature / Set Feature. Every change is
 * a read-modify-write that checks what the device says it allows before anything is written.
 */
import {
  FEATURE_ACTION_FULL,
  FEATURE_SELECTION_CURRENT,
  type supportedFeatureEntry,
} from '../commands/generic/features.js';
import {
  ECS_THRESHOLDS,
  ecsRead,
  ecsWrite,
  patrolScrubRead,
  patrolScrubWrite,
  pprRead,
  pprWrite,
  RAS_FEATURES,
  type RasFeatureName,
  type SparingKind,
  sparingRead,
  sparingWrite,
} from '../commands/generic/ras-features.js';
import { CxlmiUsageError } from '../errors.js';
import type { Infer } from '../protocol/layout/index.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';

export type SupportedFeatureEntry = Infer<typeof supportedFeatureEntry>;
export type PatrolScrub = Infer<typeof patrolScrubRead>;
export type Ecs = Infer<typeof ecsRead>;
export type Ppr = Infer<typeof pprRead>;
export type Sparing = Infer<typeof sparingRead>;

/** Get Supported Features output header and entry sizes (Tables 8-96, 8-97). */
const HEADER = 8;
const ENTRY = 48;
const PAGE = 32;

/** Every supported-feature entry of the device, asking page by page. */
export async function supportedFeatures(ep: Endpoint, opts?: CallOptions): Promise<SupportedFeatureEntry[]> {
  const out: SupportedFeatureEntry[] = [];
  for (;;) {
    const r = await ep.getSupportedFeatures(
      { count: HEADER + PAGE * ENTRY, starting_feature_index: out.length },
      opts,
    );
    out.push(...r.supported_feature_entries);
    if (r.supported_feature_entries.length === 0 || out.length >= r.device_supported_features) return out;
  }
}

/** The device's entry for a RAS feature; a usage error naming the device when it lacks it. */
export async function rasFeatureEntry(
  ep: Endpoint,
  name: RasFeatureName,
  opts?: CallOptions,
): Promise<SupportedFeatureEntry> {
  const f = RAS_FEATURES[name];
  const entry = (await supportedFeatures(ep, opts)).find((e) => e.feature_id === f.uuid);
  if (!entry) throw new CxlmiUsageError(`${ep.description} does not support ${f.title} (${f.uuid})`);
  return entry;
}

/** Reads a feature's whole current value, in pieces when the device answers in parts. */
async function readWhole(
  ep: Endpoint,
  entry: SupportedFeatureEntry,
  opts?: CallOptions,
): Promise<Uint8Array> {
  const size = entry.get_feature_size;
  const out = new Uint8Array(size);
  let off = 0;
  while (off < size) {
    const r = await ep.getFeature(
      { feature_id: entry.feature_id, offset: off, count: size - off, selection: FEATURE_SELECTION_CURRENT },
      opts,
    );
    if (r.feature_data.length === 0) break;
    out.set(r.feature_data.subarray(0, size - off), off);
    off += r.feature_data.length;
  }
  return out.subarray(0, off);
}

async function readNamed(ep: Endpoint, name: RasFeatureName, opts?: CallOptions) {
  const entry = await rasFeatureEntry(ep, name, opts);
  const data = await readWhole(ep, entry, opts);
  return { entry, data };
}

/** Reads and decodes one RAS feature by name. */
export async function getRasFeature(ep: Endpoint, name: RasFeatureName, opts?: CallOptions) {
  const { entry, data } = await readNamed(ep, name, opts);
  return { name, entry, value: RAS_FEATURES[name].read.decode(data, name) as unknown };
}

export interface SetOptions extends CallOptions {
  /** Keep the value across resets (Set Feature "saved across reset"); Linux always sets it. */
  save?: boolean;
}

/** Set Feature Flags bit 3 (Table 8-101). */
const SAVED_ACROSS_RESET = 1 << 3;

async function writeNamed(
  ep: Endpoint,
  name: RasFeatureName,
  entry: SupportedFeatureEntry,
  data: Uint8Array,
  opts: SetOptions = {},
): Promise<void> {
  const title = RAS_FEATURES[name].title;
  if (!entry.attribute_flags_bits.changeable || entry.set_feature_size === 0)
    throw new CxlmiUsageError(`${ep.description} reports ${title} as not changeable`);
  if (data.length !== entry.set_feature_size)
    throw new CxlmiUsageError(
      `${title} of ${ep.description} takes ${entry.set_feature_size} bytes of writable attributes, cxlmi built ${data.length}`,
    );
  const { save, ...call } = opts;
  await ep.setFeature(
    {
      feature_id: entry.feature_id,
      set_feature_flags: FEATURE_ACTION_FULL | (save ? SAVED_ACROSS_RESET : 0),
      offset: 0,
      version: entry.set_feature_version,
      feature_data: data,
    },
    call,
  );
}

// ---- patrol scrub -------------------------------------------------------------------------

export async function getPatrolScrub(ep: Endpoint, opts?: CallOptions): Promise<PatrolScrub> {
  const { data } = await readNamed(ep, 'patrol-scrub', opts);
  return patrolScrubRead.decode(data, 'patrol-scrub');
}

export interface PatrolScrubChange extends SetOptions {
  /** New scrub cycle in hours (1-255, at least the device's minimum). */
  cycleHours?: number;
  /** Turn background patrol scrub on or off. */
  enabled?: boolean;
}

export async function setPatrolScrub(ep: Endpoint, change: PatrolScrubChange): Promise<PatrolScrub> {
  const { cycleHours, enabled, ...opts } = change;
  const { entry, data } = await readNamed(ep, 'patrol-scrub', opts);
  const cur = patrolScrubRead.decode(data, 'patrol-scrub');
  let hours = cur.scrub_cycle_hours;
  if (cycleHours !== undefined && cycleHours !== cur.scrub_cycle_hours) {
    if (!Number.isInteger(cycleHours) || cycleHours < 1 || cycleHours > 255)
      throw new CxlmiUsageError(`a scrub cycle is 1 to 255 hours, got ${cycleHours}`);
    if (!cur.scrub_cycle_cap_bits.cycle_changeable)
      throw new CxlmiUsageError(`${ep.description} says its patrol scrub cycle cannot be changed`);
    if (cycleHours < cur.min_scrub_cycle_hours)
      throw new CxlmiUsageError(
        `a scrub cycle of ${cycleHours} h is below the minimum of ${ep.description}, ${cur.min_scrub_cycle_hours} h`,
      );
    hours = cycleHours;
  }
  const on = enabled ?? cur.scrub_flags_bits.enabled;
  await writeNamed(
    ep,
    'patrol-scrub',
    entry,
    patrolScrubWrite.encode({ scrub_cycle_hours: hours, scrub_flags: on ? 1 : 0 }),
    opts,
  );
  return getPatrolScrub(ep, opts);
}

// ---- DDR5 ECS -----------------------------------------------------------------------------

export async function getEcs(ep: Endpoint, opts?: CallOptions): Promise<Ecs> {
  const { data } = await readNamed(ep, 'ecs', opts);
  return ecsRead.decode(data, 'ecs');
}

export type EcsCountMode = 'rows' | 'codewords';

export interface EcsChange extends SetOptions {
  /** Which media FRU to change (index from 0); all of them when absent. */
  fru?: number;
  /** Error threshold per Gb: 256, 1024 or 4096. */
  threshold?: number;
  /** What the ECS error counter counts. */
  countMode?: EcsCountMode;
  /** Reset the error counters of the FRUs changed. */
  resetCounter?: boolean;
  /** Log entry type: 0 per DRAM, 1 per memory media FRU. */
  logEntryType?: 0 | 1;
}

const THRESHOLD_INDEX = new Map(Object.entries(ECS_THRESHOLDS).map(([i, v]) => [v, Number(i)]));

export async function setEcs(ep: Endpoint, change: EcsChange): Promise<Ecs> {
  const { fru, threshold, countMode, resetCounter, logEntryType, ...opts } = change;
  const { entry, data } = await readNamed(ep, 'ecs', opts);
  const cur = ecsRead.decode(data, 'ecs');
  const n = cur.fru_attrs.length;
  if (fru !== undefined && (!Number.isInteger(fru) || fru < 0 || fru >= n))
    throw new CxlmiUsageError(`${ep.description} has ${n} ECS media FRUs (0-${n - 1}), not ${fru}`);
  let index: number | undefined;
  if (threshold !== undefined) {
    index = THRESHOLD_INDEX.get(threshold);
    if (index === undefined)
      throw new CxlmiUsageError(
        `an ECS threshold is one of ${Object.values(ECS_THRESHOLDS).join(', ')} errors per Gb, got ${threshold}`,
      );
  }
  if (logEntryType !== undefined && logEntryType !== 0 && logEntryType !== 1)
    throw new CxlmiUsageError(
      `an ECS log entry type is 0 (per DRAM) or 1 (per media FRU), got ${logEntryType}`,
    );
  const fru_attrs = cur.fru_attrs.map((f, i) => {
    const mine = fru === undefined || fru === i;
    return {
      threshold_count: mine && index !== undefined ? index : f.threshold_count,
      count_mode: mine && countMode !== undefined ? (countMode === 'codewords' ? 1 : 0) : f.count_mode,
      reset_counter: mine && resetCounter ? 1 : 0,
    };
  });
  const ecs_log_cap = logEntryType ?? cur.ecs_log_cap_bits.log_entry_type;
  await writeNamed(ep, 'ecs', entry, ecsWrite.encode({ ecs_log_cap, fru_attrs }), opts);
  return getEcs(ep, opts);
}

// ---- sPPR / hPPR ----------------------------------------------------------------------------

export type PprKind = 'soft' | 'hard';
const pprName = (kind: PprKind): RasFeatureName => (kind === 'soft' ? 'sppr' : 'hppr');

export async function getPpr(ep: Endpoint, kind: PprKind, opts?: CallOptions): Promise<Ppr> {
  const name = pprName(kind);
  const { data } = await readNamed(ep, name, opts);
  return pprRead.decode(data, name);
}

export interface PprChange extends SetOptions {
  /** Let the device start repairs itself (operation mode bit 0). */
  deviceInitiated?: boolean;
  /** Produce a Memory Sparing Event Record after each repair. */
  sparingEventRecords?: boolean;
  /** Let the device repair at boot what it found earlier. */
  repairAtBoot?: boolean;
}

export async function setPpr(ep: Endpoint, kind: PprKind, change: PprChange): Promise<Ppr> {
  const { deviceInitiated, sparingEventRecords, repairAtBoot, ...opts } = change;
  const name = pprName(kind);
  const title = RAS_FEATURES[name].title;
  const { entry, data } = await readNamed(ep, name, opts);
  const cur = pprRead.decode(data, name);
  const refuse = (what: string) => {
    throw new CxlmiUsageError(`${ep.description} does not offer ${what} for ${title}`);
  };
  if (deviceInitiated && !cur.op_caps_bits.device_initiated) refuse('device-initiated repair');
  if (sparingEventRecords && !cur.ppr_flags_bits.mem_sparing_ev_rec_cap)
    refuse('Memory Sparing Event Records');
  if (repairAtBoot && !cur.ppr_flags_bits.dev_initiated_at_boot_cap) refuse('repair at boot');
  const op_mode = (deviceInitiated ?? cur.op_mode_bits.device_initiated) ? 1 : 0;
  const ppr_op_mode =
    ((sparingEventRecords ?? cur.ppr_op_mode_bits.mem_sparing_ev_rec_en) ? 1 : 0) |
    ((repairAtBoot ?? cur.ppr_op_mode_bits.dev_initiated_at_boot) ? 2 : 0);
  await writeNamed(ep, name, entry, pprWrite.encode({ op_mode, ppr_op_mode }), opts);
  return getPpr(ep, kind, opts);
}

// ---- memory sparing -----------------------------------------------------------------------

export const SPARING_KINDS: readonly SparingKind[] = ['cacheline', 'row', 'bank', 'rank'];

export function sparingFeatureName(kind: SparingKind): RasFeatureName {
  if (!SPARING_KINDS.includes(kind))
    throw new CxlmiUsageError(`sparing is one of ${SPARING_KINDS.join(', ')}, not '${kind}'`);
  return `${kind}-sparing`;
}

export async function getSparing(ep: Endpoint, kind: SparingKind, opts?: CallOptions): Promise<Sparing> {
  const name = sparingFeatureName(kind);
  const { data } = await readNamed(ep, name, opts);
  return sparingRead.decode(data, name);
}

export interface SparingChange extends SetOptions {
  /** Let the device start sparing itself (operation mode bit 0). */
  deviceInitiated?: boolean;
}

export async function setSparing(ep: Endpoint, kind: SparingKind, change: SparingChange): Promise<Sparing> {
  const { deviceInitiated, ...opts } = change;
  const name = sparingFeatureName(kind);
  const { entry, data } = await readNamed(ep, name, opts);
  const cur = sparingRead.decode(data, name);
  if (deviceInitiated && !cur.op_caps_bits.device_initiated)
    throw new CxlmiUsageError(
      `${ep.description} does not offer device-initiated repair for ${RAS_FEATURES[name].title}`,
    );
  const op_mode = (deviceInitiated ?? cur.op_mode_bits.device_initiated) ? 1 : 0;
  await writeNamed(ep, name, entry, sparingWrite.encode({ op_mode }), opts);
  return getSparing(ep, kind, opts);
}
