/**
 * Post Package Repair and memory sparing through Perform Maintenance (0600h), with the class and
 * subclass the device's own feature reports, refusing what the device says it cannot do.
 */
import { MAINT_CLASS_PPR, MAINT_CLASS_SPARING } from '../commands/generic/maintenance.js';
import { RAS_FEATURES, SPARING_SUBCLASS, type SparingKind } from '../commands/generic/ras-features.js';
import { CxlmiUsageError } from '../errors.js';
import {
  type BackgroundResult,
  checkBackgroundResult,
  type WaitForBackgroundOptions,
} from './background-wait.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';
import {
  getPpr,
  getSparing,
  type Ppr,
  type PprKind,
  type Sparing,
  sparingFeatureName,
} from './ras-features.js';

export interface MaintenanceOptions extends CallOptions {
  /** Only ask for the resources left (no repair; sparing answers with a Memory Sparing Event Record). */
  queryResources?: boolean;
  /** When the device runs it in the background, wait until it ends (and throw if it failed). */
  wait?: boolean | Omit<WaitForBackgroundOptions, 'tunnel' | 'timeoutMs'>;
}

export interface MaintenanceResult {
  /** The device started it in the background. */
  background: boolean;
  /** How it ended, when `wait` was asked for and it ran in the background. */
  completion?: BackgroundResult;
}

export interface PprRequest extends MaintenanceOptions {
  kind: PprKind;
  dpa: bigint;
  /** Nibbles to repair (24 bits); only when the device supports nibble masks. */
  nibbleMask?: number;
}

async function finish(
  ep: Endpoint,
  command: string,
  r: { background: boolean },
  opts: MaintenanceOptions,
): Promise<MaintenanceResult> {
  if (!r.background || !opts.wait) return { background: r.background };
  const w = typeof opts.wait === 'object' ? opts.wait : {};
  const completion = await ep.waitForBackgroundOperation({
    ...w,
    tunnel: opts.tunnel,
    timeoutMs: opts.timeoutMs,
  });
  checkBackgroundResult(command, completion);
  return { background: true, completion };
}

function callOf(o: MaintenanceOptions): CallOptions {
  return { tunnel: o.tunnel, timeoutMs: o.timeoutMs, signal: o.signal };
}

/** Checks a PPR request against the device's sPPR/hPPR feature; returns the feature read. */
export async function checkPpr(ep: Endpoint, req: PprRequest): Promise<Ppr> {
  if (typeof req.dpa !== 'bigint' || req.dpa < 0n || req.dpa >= 1n << 64n)
    throw new CxlmiUsageError(`a DPA is a 64-bit bigint, got ${String(req.dpa)}`);
  if (req.dpa % 64n !== 0n) throw new CxlmiUsageError(`DPA 0x${req.dpa.toString(16)} is not 64-byte aligned`);
  const f = await getPpr(ep, req.kind, callOf(req));
  const title = RAS_FEATURES[req.kind === 'soft' ? 'sppr' : 'hppr'].title;
  if (f.maint_op_class !== MAINT_CLASS_PPR)
    throw new CxlmiUsageError(`${title} of ${ep.description} reports class ${f.maint_op_class}, not PPR (1)`);
  if (!f.ppr_flags_bits.dpa_support)
    throw new CxlmiUsageError(`${ep.description} does not take a DPA for ${title}`);
  if (req.nibbleMask !== undefined) {
    if (!Number.isInteger(req.nibbleMask) || req.nibbleMask < 0 || req.nibbleMask > 0xffffff)
      throw new CxlmiUsageError(`a nibble mask is 24 bits, got ${req.nibbleMask}`);
    if (!f.ppr_flags_bits.nibble_support && req.nibbleMask !== 0)
      throw new CxlmiUsageError(`${ep.description} does not take a nibble mask for ${title}`);
  }
  return f;
}

/** Soft or hard Post Package Repair of the row holding `dpa`. */
export async function performPpr(ep: Endpoint, req: PprRequest): Promise<MaintenanceResult> {
  const f = await checkPpr(ep, req);
  const r = await ep.performMaintenancePpr(
    {
      maint_op_class: f.maint_op_class,
      maint_op_subclass: f.maint_op_subclass,
      flags: req.queryResources ? 1 : 0,
      dpa: req.dpa,
      nibble_mask: req.nibbleMask ?? 0,
    },
    callOf(req),
  );
  return finish(ep, 'perform_maintenance_ppr', r, req);
}

/** A DRAM address as memory sparing takes it (Table 8-120). */
export interface DramAddress {
  channel: number;
  rank: number;
  bankGroup?: number;
  bank?: number;
  row?: number;
  column?: number;
  subChannel?: number;
  nibbleMask?: number;
}

export interface SparingRequest extends MaintenanceOptions, DramAddress {
  kind: SparingKind;
  /** Hard (permanent) sparing; soft when false or absent. */
  hard?: boolean;
}

/** The address fields each kind needs, coarsest first (Linux's RANK/BANK/ROW/CACHELINE ops). */
export const SPARING_FIELDS: Readonly<Record<SparingKind, readonly (keyof DramAddress)[]>> = {
  rank: ['channel', 'rank'],
  bank: ['channel', 'rank', 'bankGroup', 'bank'],
  row: ['channel', 'rank', 'bankGroup', 'bank', 'row'],
  cacheline: ['channel', 'rank', 'bankGroup', 'bank', 'row', 'column'],
};

const WIDTH: Record<keyof DramAddress, number> = {
  channel: 8,
  rank: 8,
  bankGroup: 8,
  bank: 8,
  row: 24,
  column: 16,
  subChannel: 8,
  nibbleMask: 24,
};

/** Checks a sparing request against the device's sparing feature; returns the feature read. */
export async function checkSparing(ep: Endpoint, req: SparingRequest): Promise<Sparing> {
  const name = sparingFeatureName(req.kind);
  for (const k of SPARING_FIELDS[req.kind])
    if (req[k] === undefined) throw new CxlmiUsageError(`${req.kind} sparing needs ${k}`);
  for (const [k, w] of Object.entries(WIDTH) as [keyof DramAddress, number][]) {
    const v = req[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v >= 2 ** w))
      throw new CxlmiUsageError(`${k} is a ${w}-bit number, got ${v}`);
  }
  const f = await getSparing(ep, req.kind, callOf(req));
  const title = RAS_FEATURES[name].title;
  if (f.maint_op_class !== MAINT_CLASS_SPARING)
    throw new CxlmiUsageError(
      `${title} of ${ep.description} reports class ${f.maint_op_class}, not sparing (2)`,
    );
  if (!req.queryResources) {
    if (req.hard && !f.restriction_flags_bits.hard_sparing_supported)
      throw new CxlmiUsageError(`${ep.description} does not offer hard ${title.toLowerCase()}`);
    if (!req.hard && !f.restriction_flags_bits.soft_sparing_supported)
      throw new CxlmiUsageError(`${ep.description} does not offer soft ${title.toLowerCase()}`);
  }
  return f;
}

/** Memory sparing of a cacheline, row, bank or rank. */
export async function performSparing(ep: Endpoint, req: SparingRequest): Promise<MaintenanceResult> {
  const f = await checkSparing(ep, req);
  const uses = new Set(SPARING_FIELDS[req.kind]);
  const pick = (k: keyof DramAddress) => (uses.has(k) ? (req[k] ?? 0) : 0);
  const withSub = req.kind === 'cacheline' && req.subChannel !== undefined;
  const flags =
    (req.queryResources ? 1 : 0) |
    (req.hard ? 2 : 0) |
    (withSub ? 4 : 0) |
    (req.nibbleMask !== undefined ? 8 : 0);
  const r = await ep.performMaintenanceSparing(
    {
      maint_op_class: f.maint_op_class,
      maint_op_subclass: f.maint_op_subclass ?? SPARING_SUBCLASS[req.kind],
      flags,
      channel: req.channel,
      rank: req.rank,
      nibble_mask: req.nibbleMask ?? 0,
      bank_group: pick('bankGroup'),
      bank: pick('bank'),
      row: pick('row'),
      column: pick('column'),
      sub_channel: withSub ? (req.subChannel ?? 0) : 0,
    },
    callOf(req),
  );
  return finish(ep, 'perform_maintenance_sparing', r, req);
}
