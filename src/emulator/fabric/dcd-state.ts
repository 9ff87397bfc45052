/**
 * Dynamic capacity of a DCD shared by several hosts: the device's DC regions and, per host, the
 * extents the host has accepted, the additions it has not answered yet, and releases it was asked
 * for. The FM side (DCD Management, 56h) offers and withdraws capacity; a host's Memory Device
 * view (Dynamic Capacity 48h, in the memdev model) answers through `HostDynamicCapacity`.
 */
import type { EmulatedDevice } from '../device.js';

export interface DcRegion {
  base: bigint;
  length: bigint;
  blockSize: bigint;
  /** Block sizes the region supports (bit n = 2^n bytes). */
  supportedBlockMask: bigint;
  sanitizeOnRelease: boolean;
  /** DSMAS-style flags reported by Get Host DC Region Configuration. */
  flags: number;
}

export interface DcExtent {
  start: bigint;
  len: bigint;
  /** UUID text; all zeros for an untagged extent. */
  tag: string;
  sharedSeq: number;
}

export const NO_TAG = '00000000-0000-0000-0000-000000000000';

export function overlaps(a: { start: bigint; len: bigint }, b: { start: bigint; len: bigint }): boolean {
  return a.start < b.start + b.len && b.start < a.start + a.len;
}

/** `list` with every range in `cut` removed (extents split where a cut falls inside them). */
export function subtract(list: DcExtent[], cut: { start: bigint; len: bigint }[]): DcExtent[] {
  let out = list;
  for (const c of cut) {
    const next: DcExtent[] = [];
    for (const e of out) {
      if (!overlaps(e, c)) {
        next.push(e);
        continue;
      }
      if (e.start < c.start) next.push({ ...e, len: c.start - e.start });
      const end = e.start + e.len;
      const cEnd = c.start + c.len;
      if (end > cEnd) next.push({ ...e, start: cEnd, len: end - cEnd });
    }
    out = next;
  }
  return out;
}

/** True when every byte of `r` lies in some extent of `list`. */
export function covered(list: DcExtent[], r: { start: bigint; len: bigint }): boolean {
  return subtract([{ start: r.start, len: r.len, tag: NO_TAG, sharedSeq: 0 }], list).length === 0;
}

/** One host's view of the device's dynamic capacity. */
export class HostDynamicCapacity {
  readonly hostId: number;
  /** Extents the host accepted (its Get Dynamic Capacity Extent List). */
  accepted: DcExtent[] = [];
  /** Offered extent groups waiting for the host's Add Dynamic Capacity Response, oldest first. */
  readonly pendingAdd: DcExtent[][] = [];
  /** Extent groups the FM asked the host to release, oldest first. */
  readonly pendingRelease: DcExtent[][] = [];
  /** Changes whenever the accepted list changes (Extent List Generation Number). */
  generation = 0;

  constructor(hostId: number) {
    this.hostId = hostId;
  }

  get pendingCount(): number {
    return this.pendingAdd.reduce((n, g) => n + g.length, 0);
  }

  /**
   * The host's answer to the oldest offer (Add Dynamic Capacity Response): the extents it takes,
   * all of them by default; an empty list declines the offer.
   */
  respondToAdd(take?: { start: bigint; len: bigint }[]): DcExtent[] {
    const group = this.pendingAdd.shift();
    if (!group) return [];
    const taken = take
      ? group.flatMap((e) =>
          take.filter((t) => overlaps(e, t)).map((t) => ({ ...e, start: t.start, len: t.len })),
        )
      : group;
    if (taken.length > 0) {
      this.accepted = [...this.accepted, ...taken];
      this.generation++;
    }
    return taken;
  }

  /** The host gives capacity back (Release Dynamic Capacity); answers a pending release request too. */
  release(ranges: { start: bigint; len: bigint }[]): void {
    this.accepted = subtract(this.accepted, ranges);
    this.generation++;
    for (let i = this.pendingRelease.length - 1; i >= 0; i--) {
      this.pendingRelease[i] = subtract(this.pendingRelease[i], ranges);
      if (this.pendingRelease[i].length === 0) this.pendingRelease.splice(i, 1);
    }
  }
}

export class DcdState {
  readonly regions: DcRegion[];
  readonly hosts: HostDynamicCapacity[];
  readonly extentsSupported: number;
  readonly tagsSupported: number;
  /** References the FM holds on tags (Dynamic Capacity Add / Remove Reference). */
  readonly fmRefs = new Map<string, number>();
  /** Changes whenever the tag list changes. */
  tagGeneration = 0;

  constructor(hosts: number, regions: DcRegion[], extentsSupported = 512, tagsSupported = 16) {
    if (regions.length > 8) throw new RangeError('a DCD has at most 8 DC regions');
    this.regions = regions;
    this.hosts = Array.from({ length: hosts }, (_, i) => new HostDynamicCapacity(i));
    this.extentsSupported = extentsSupported;
    this.tagsSupported = tagsSupported;
  }

  get totalCapacity(): bigint {
    return this.regions.reduce((n, r) => n + r.length, 0n);
  }

  /** Every extent held or offered, by any host. */
  allExtents(): DcExtent[] {
    return this.hosts.flatMap((h) => [...h.accepted, ...h.pendingAdd.flat()]);
  }

  /** Tags in use (non-zero), in first-use order. */
  tags(): string[] {
    const seen = new Set<string>();
    for (const e of this.allExtents()) if (e.tag !== NO_TAG) seen.add(e.tag);
    for (const t of this.fmRefs.keys()) seen.add(t);
    return [...seen];
  }

  regionOf(r: { start: bigint; len: bigint }): DcRegion | undefined {
    return this.regions.find((g) => r.start >= g.base && r.start + r.len <= g.base + g.length);
  }
}

const registry = new WeakMap<EmulatedDevice, HostDynamicCapacity>();

/** Links a host's Memory Device view (an emulated device) to its dynamic capacity. */
export function attachHostDynamicCapacity(device: EmulatedDevice, dc: HostDynamicCapacity): void {
  registry.set(device, dc);
}

/** The dynamic capacity a host's Memory Device view reports, when the device is a DCD head. */
export function hostDynamicCapacity(device: EmulatedDevice): HostDynamicCapacity | undefined {
  return registry.get(device);
}
