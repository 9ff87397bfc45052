/**
 * Dynamic capacity of a DCD shared by several hosts, one per head. Each host's extents live in its
 * head's Memory Device model (`head.memdev.dc`: accepted extents, offers waiting for the host's Add
 * Dynamic Capacity Response, release requests — with the Dynamic Capacity events the host reads);
 * this class adds what only the fabric manager sees: every host at once, the regions' supported
 * block sizes, and the FM's references on tags.
 */
import { ZERO_UUID as NO_TAG, readUuid } from '../../protocol/layout/index.js';
import type { ResolvedDcRegion } from '../memdev/config.js';
import type { DynamicCapacityState, ExtentRange } from '../memdev/dynamic-capacity.js';
import type { Type3Device } from '../type3.js';

export { NO_TAG };

export function overlaps(a: ExtentRange, b: ExtentRange): boolean {
  return a.start_dpa < b.start_dpa + b.len && b.start_dpa < a.start_dpa + a.len;
}

/** A tag as UUID text. */
export function tagText(tag: Uint8Array): string {
  return readUuid(tag, 0);
}

export class DcdState {
  readonly heads: readonly Type3Device[];
  /** Block sizes each region supports (bit n = 2^n bytes). */
  readonly supportedBlockMasks: bigint[];
  readonly tagsSupported: number;
  /** References the FM holds on tags (Dynamic Capacity Add / Remove Reference). */
  readonly fmRefs = new Map<string, number>();
  /** Changes whenever the tag list changes. */
  tagGeneration = 0;

  constructor(heads: readonly Type3Device[], tagsSupported = 16) {
    this.heads = heads;
    this.tagsSupported = tagsSupported;
    // A region takes its configured block size and the next two larger powers of two.
    this.supportedBlockMasks = this.regions.map(
      (r) => r.blockSize | (r.blockSize << 1n) | (r.blockSize << 2n),
    );
  }

  /** Host `i`'s dynamic capacity (its head's Memory Device model). */
  host(i: number): DynamicCapacityState | undefined {
    return this.heads[i]?.memdev.dc;
  }

  get hostCount(): number {
    return this.heads.length;
  }

  /** The regions, as every head resolves them (they share one layout). */
  get regions(): readonly ResolvedDcRegion[] {
    return this.heads[0]?.memdev.dc.regions ?? [];
  }

  get totalCapacity(): bigint {
    return this.regions.reduce((n, r) => n + r.length, 0n);
  }

  /** Changes a region's block size on every head. */
  setBlockSize(region: number, size: bigint): void {
    for (const h of this.heads) {
      const r = h.memdev.dc.regions[region];
      if (r) r.blockSize = size;
    }
  }

  /** Every extent held or offered, by any host. */
  allExtents(): (ExtentRange & { tag: Uint8Array })[] {
    return this.heads.flatMap((h) => [...h.memdev.dc.accepted, ...h.memdev.dc.pending.flat()]);
  }

  /** Tags in use (non-zero), in first-use order. */
  tags(): string[] {
    const seen = new Set<string>();
    for (const e of this.allExtents()) {
      const t = tagText(e.tag);
      if (t !== NO_TAG) seen.add(t);
    }
    for (const t of this.fmRefs.keys()) seen.add(t);
    return [...seen];
  }

  regionIndex(r: ExtentRange): number {
    return this.regions.findIndex((g) => r.start_dpa >= g.base && r.start_dpa + r.len <= g.base + g.length);
  }
}
