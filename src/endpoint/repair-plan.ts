/**
 * From a DRAM or General Media event record to the repair that fits it: sPPR/hPPR of the DPA, or
 * the finest memory sparing the device supports for the DRAM address the record gives. Before
 * anything runs, the restriction flags are checked the way Linux's CXL EDAC driver checks them
 * (drivers/cxl/core/edac.c): a PPR that does not retain data or leaves the media inaccessible, or
 * sparing that is not safe in use, must not touch memory in use — cxlmi, which cannot see whether
 * the host uses the memory, refuses unless forced.
 */
import type { EventData } from '../commands/generic/events/decode.js';
import { RAS_FEATURES, type RasFeatureName, type SparingKind } from '../commands/generic/ras-features.js';
import { CxlmiUsageError } from '../errors.js';
import type { Endpoint } from './endpoint.js';
import {
  type DramAddress,
  type MaintenanceOptions,
  type MaintenanceResult,
  performPpr,
  performSparing,
  SPARING_FIELDS,
} from './maintenance.js';
import type { CallOptions } from './options.js';
import { getPpr, getSparing, type PprKind, supportedFeatures } from './ras-features.js';

/** A record as Get Event Records returns it (common header fields plus the decoded `event`). */
export interface RepairableRecord {
  handle: number;
  flags_bits?: { maintenance_needed?: boolean };
  event: EventData;
}

export interface RepairProposal {
  /** The feature the repair uses (`sppr`, `row-sparing`, …). */
  feature: RasFeatureName;
  /** One line for people: what is repaired where. */
  summary: string;
  /** The DPA the record names (bits 5:0 cleared). */
  dpa: bigint;
  ppr?: { kind: PprKind; dpa: bigint; nibbleMask?: number };
  sparing?: DramAddress & { kind: SparingKind; hard: boolean };
  /** Why running it could harm memory in use (empty when the device says it is safe). */
  unsafe: string[];
  /** The record asked for maintenance (Event Record Flags bit 3). */
  maintenanceNeeded: boolean;
  /** The record the proposal came from. */
  handle: number;
}

export interface ProposeOptions extends CallOptions {
  /** hPPR / hard sparing instead of sPPR / soft sparing. */
  hard?: boolean;
  /** Propose memory sparing even when PPR is available. */
  sparing?: boolean;
}

const hex = (n: bigint) => `0x${n.toString(16)}`;

/** The DRAM address fields a DRAM record marks valid (Table 8-46 validity flags). */
function dramAddressOf(ev: Extract<EventData, { kind: 'dram' }>): Partial<DramAddress> {
  const v = ev.validity_flags_bits;
  const a: Partial<DramAddress> = {};
  if (v.channel_valid) a.channel = ev.channel;
  if (v.rank_valid) a.rank = ev.rank;
  if (v.bank_group_valid) a.bankGroup = ev.bank_group;
  if (v.bank_valid) a.bank = ev.bank;
  if (v.row_valid) a.row = ev.row;
  if (v.column_valid) a.column = ev.column;
  if (v.nibble_mask_valid) a.nibbleMask = ev.nibble_mask;
  if (v.sub_channel_valid) a.subChannel = ev.sub_channel;
  return a;
}

function describe(a: Partial<DramAddress>): string {
  const parts: string[] = [];
  const add = (k: keyof DramAddress, label: string, fmt = (n: number) => String(n)) => {
    const v = a[k];
    if (v !== undefined) parts.push(`${label} ${fmt(v)}`);
  };
  add('channel', 'channel');
  add('subChannel', 'sub-channel');
  add('rank', 'rank');
  add('bankGroup', 'bank group');
  add('bank', 'bank');
  add('row', 'row', (n) => `0x${n.toString(16)}`);
  add('column', 'column');
  return parts.join(', ');
}

/** Proposes the repair for a DRAM or General Media record; a usage error when none fits. */
export async function proposeRepair(
  ep: Endpoint,
  record: RepairableRecord,
  opts: ProposeOptions = {},
): Promise<RepairProposal> {
  const ev = record.event;
  if (ev.kind !== 'dram' && ev.kind !== 'general_media')
    throw new CxlmiUsageError(
      `event ${record.handle} is a ${ev.kind} record; only DRAM and General Media records name memory to repair`,
    );
  const call: CallOptions = { tunnel: opts.tunnel, timeoutMs: opts.timeoutMs, signal: opts.signal };
  const dpa = ev.phys_addr & ~0x3fn;
  const hard = opts.hard ?? false;
  const have = new Set((await supportedFeatures(ep, call)).map((e) => e.feature_id));
  const base = {
    dpa,
    handle: record.handle,
    maintenanceNeeded: record.flags_bits?.maintenance_needed ?? false,
  };
  const address = ev.kind === 'dram' ? dramAddressOf(ev) : {};

  const ppr: RasFeatureName = hard ? 'hppr' : 'sppr';
  if (!opts.sparing && have.has(RAS_FEATURES[ppr].uuid)) {
    const f = await getPpr(ep, hard ? 'hard' : 'soft', call);
    if (f.ppr_flags_bits.dpa_support) {
      const unsafe: string[] = [];
      if (f.restriction_flags_bits.media_not_accessible)
        unsafe.push('the device says the media is not accessible while it repairs');
      if (f.restriction_flags_bits.data_not_retained)
        unsafe.push('the device says the data in the repaired row is not retained');
      const nibbleMask = f.ppr_flags_bits.nibble_support ? address.nibbleMask : undefined;
      const where = describe(address);
      return {
        ...base,
        feature: ppr,
        summary: `${hard ? 'hard' : 'soft'} PPR of the row holding DPA ${hex(dpa)}${where ? ` (${where})` : ''}`,
        ppr: { kind: hard ? 'hard' : 'soft', dpa, ...(nibbleMask === undefined ? {} : { nibbleMask }) },
        unsafe,
      };
    }
  }

  if (ev.kind === 'general_media')
    throw new CxlmiUsageError(
      `${ep.description} offers no ${hard ? 'hPPR' : 'sPPR'} by DPA; a General Media record gives no DRAM address for sparing`,
    );
  // Finest first, as long as the record gives every field the kind needs.
  for (const kind of ['cacheline', 'row', 'bank', 'rank'] as const) {
    if (!have.has(RAS_FEATURES[`${kind}-sparing`].uuid)) continue;
    if (!SPARING_FIELDS[kind].every((k) => address[k] !== undefined)) continue;
    const f = await getSparing(ep, kind, call);
    const offered = hard
      ? f.restriction_flags_bits.hard_sparing_supported
      : f.restriction_flags_bits.soft_sparing_supported;
    if (!offered) continue;
    const unsafe = f.restriction_flags_bits.not_safe_when_in_use
      ? ['the device says memory sparing is not safe while the memory is in use']
      : [];
    const picked: DramAddress = { channel: address.channel ?? 0, rank: address.rank ?? 0 };
    for (const k of SPARING_FIELDS[kind]) Object.assign(picked, { [k]: address[k] });
    if (address.nibbleMask !== undefined) picked.nibbleMask = address.nibbleMask;
    if (kind === 'cacheline' && address.subChannel !== undefined) picked.subChannel = address.subChannel;
    return {
      ...base,
      feature: `${kind}-sparing`,
      summary: `${hard ? 'hard' : 'soft'} ${kind} sparing of ${describe(picked)} (DPA ${hex(dpa)})`,
      sparing: { ...picked, kind, hard },
      unsafe,
    };
  }
  throw new CxlmiUsageError(
    `${ep.description} offers no repair for event ${record.handle}: no ${hard ? 'hPPR' : 'sPPR'} by DPA and no ${hard ? 'hard' : 'soft'} sparing whose DRAM address the record gives (${describe(address) || 'no address fields valid'})`,
  );
}

export interface RunRepairOptions extends MaintenanceOptions {
  /** Run even when the device says the repair may lose data or block access. */
  force?: boolean;
}

/** Runs a proposal: refuses an unsafe one unless forced, then waits for it unless told not to. */
export async function runRepair(
  ep: Endpoint,
  p: RepairProposal,
  opts: RunRepairOptions = {},
): Promise<MaintenanceResult> {
  if (p.unsafe.length > 0 && !opts.force)
    throw new CxlmiUsageError(
      `refusing ${p.summary} on ${ep.description}: ${p.unsafe.join('; ')}; take the memory out of use first and force it`,
    );
  const { force: _force, ...rest } = opts;
  const o = { wait: true, ...rest };
  if (p.ppr) return performPpr(ep, { ...o, ...p.ppr });
  if (p.sparing) return performSparing(ep, { ...o, ...p.sparing });
  throw new CxlmiUsageError('the proposal names no repair');
}
