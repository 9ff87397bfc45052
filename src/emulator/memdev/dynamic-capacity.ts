/**
 * Dynamic capacity (CXL r3.1 8.2.9.9.9, 9.13.3): regions, the accepted extent list, groups of
 * extents offered to the host and waiting for its Add Dynamic Capacity Response, and releases.
 *
 * Offering capacity (`offer`) and asking for it back (`requestRelease`) are what a fabric manager
 * or an emulator script does; they raise Dynamic Capacity events in the DC event log.
 */
import {
  CXLMI_RET_EXTLIST,
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_RESOURCEEXHAUSTED,
} from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import type { ResolvedDcRegion } from './config.js';
import {
  DcEventType,
  DYNAMIC_CAPACITY_EVENT_UUID,
  dcEventBody,
  EventSeverity,
  type EventSink,
} from './event-records.js';

export interface Extent {
  start_dpa: bigint;
  len: bigint;
  /** 16-byte tag (all zero when untagged). */
  tag: Uint8Array;
  shared_seq: number;
}

export interface ExtentRange {
  start_dpa: bigint;
  len: bigint;
}

const DC_LOG = 4;
const NO_TAG = new Uint8Array(16);

function overlaps(a: ExtentRange, b: ExtentRange): boolean {
  return a.start_dpa < b.start_dpa + b.len && b.start_dpa < a.start_dpa + a.len;
}

function byStart(a: ExtentRange, b: ExtentRange): number {
  return a.start_dpa < b.start_dpa ? -1 : a.start_dpa > b.start_dpa ? 1 : 0;
}

/** True when every byte of `r` lies in one of `list` (which must not overlap itself). */
function covered(r: ExtentRange, list: readonly ExtentRange[]): boolean {
  let pos = r.start_dpa;
  const end = r.start_dpa + r.len;
  for (const e of [...list].sort(byStart)) {
    if (e.start_dpa > pos) break;
    const eEnd = e.start_dpa + e.len;
    if (eEnd > pos) pos = eEnd;
    if (pos >= end) return true;
  }
  return pos >= end;
}

export class DynamicCapacityState {
  accepted: Extent[] = [];
  /** Offered extent groups, oldest first; a response answers the first one. */
  pending: Extent[][] = [];
  generation = 0;
  /** Extents accepted so far for the first pending group by responses with More set. */
  private partial: Extent[] = [];

  constructor(
    readonly regions: readonly ResolvedDcRegion[],
    readonly extentsSupported: number,
    private readonly emit: EventSink,
    /** Called with ranges whose contents must be zeroed (release of a sanitize-on-release region). */
    private readonly scrub: (r: ExtentRange) => void,
  ) {}

  get tracked(): number {
    return this.accepted.length + this.partial.length + this.pending.reduce((n, g) => n + g.length, 0);
  }

  get extentsAvailable(): number {
    return Math.max(0, this.extentsSupported - this.tracked);
  }

  regionOf(r: ExtentRange): number {
    for (let i = this.regions.length - 1; i >= 0; i--) {
      const g = this.regions[i];
      if (r.start_dpa >= g.base) {
        return r.start_dpa + r.len <= g.base + g.length ? i : -1;
      }
    }
    return -1;
  }

  /** The checks every extent list gets: in one region, block aligned, no overlap in the list. */
  private checkList(list: readonly ExtentRange[]): void {
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.len === 0n) throw new DeviceReturn(CXLMI_RET_EXTLIST);
      const ri = this.regionOf(e);
      if (ri < 0) throw new DeviceReturn(CXLMI_RET_PADDR);
      const bs = this.regions[ri].blockSize;
      if ((e.start_dpa - this.regions[ri].base) % bs !== 0n || e.len % bs !== 0n) {
        throw new DeviceReturn(CXLMI_RET_EXTLIST);
      }
      for (let j = 0; j < i; j++) if (overlaps(e, list[j])) throw new DeviceReturn(CXLMI_RET_EXTLIST);
    }
  }

  /** Offers extents to the host as one group and raises an Add Capacity event per extent. */
  offer(extents: readonly (ExtentRange & { tag?: Uint8Array; shared_seq?: number })[]): void {
    if (extents.length === 0) throw new DeviceReturn(CXLMI_RET_INPUT);
    this.checkList(extents);
    const busy = [...this.accepted, ...this.partial, ...this.pending.flat()];
    for (const e of extents) if (busy.some((b) => overlaps(e, b))) throw new DeviceReturn(CXLMI_RET_PADDR);
    if (this.tracked + extents.length > this.extentsSupported)
      throw new DeviceReturn(CXLMI_RET_RESOURCEEXHAUSTED);
    const group = extents.map((e) => ({
      start_dpa: e.start_dpa,
      len: e.len,
      tag: e.tag ? e.tag.slice(0, 16) : NO_TAG.slice(),
      shared_seq: e.shared_seq ?? 0,
    }));
    this.pending.push(group);
    group.forEach((e, i) => {
      this.raise(DcEventType.ADD_CAPACITY, e, i < group.length - 1);
    });
  }

  /** Add Dynamic Capacity Response (4802h). An empty list rejects the whole first group. */
  respond(extents: readonly ExtentRange[], more: boolean): void {
    const group = this.pending[0];
    if (!group) throw new DeviceReturn(CXLMI_RET_INPUT);
    if (extents.length === 0) {
      this.pending.shift();
      this.partial = [];
      return;
    }
    this.checkList(extents);
    for (const e of extents) {
      if (!covered(e, group)) throw new DeviceReturn(CXLMI_RET_PADDR);
      if ([...this.accepted, ...this.partial].some((a) => overlaps(e, a)))
        throw new DeviceReturn(CXLMI_RET_PADDR);
    }
    for (const e of extents) {
      const from = group.find((g) => overlaps(g, e));
      this.partial.push({
        start_dpa: e.start_dpa,
        len: e.len,
        tag: from?.tag ?? NO_TAG.slice(),
        shared_seq: from?.shared_seq ?? 0,
      });
    }
    if (more) return;
    this.accepted.push(...this.partial);
    this.accepted.sort(byStart);
    this.partial = [];
    this.pending.shift();
    this.generation = (this.generation + 1) >>> 0;
  }

  /** Release Dynamic Capacity (4803h): ranges must be fully accepted capacity. */
  release(extents: readonly ExtentRange[]): void {
    if (extents.length === 0) throw new DeviceReturn(CXLMI_RET_INPUT);
    this.checkList(extents);
    for (const e of extents) if (!covered(e, this.accepted)) throw new DeviceReturn(CXLMI_RET_PADDR);
    let next = this.accepted;
    for (const r of extents) {
      const out: Extent[] = [];
      for (const a of next) {
        if (!overlaps(a, r)) {
          out.push(a);
          continue;
        }
        if (a.start_dpa < r.start_dpa) out.push({ ...a, len: r.start_dpa - a.start_dpa });
        const aEnd = a.start_dpa + a.len;
        const rEnd = r.start_dpa + r.len;
        if (aEnd > rEnd) out.push({ ...a, start_dpa: rEnd, len: aEnd - rEnd });
      }
      next = out;
    }
    if (next.length + this.tracked - this.accepted.length > this.extentsSupported) {
      throw new DeviceReturn(CXLMI_RET_RESOURCEEXHAUSTED);
    }
    this.accepted = next.sort(byStart);
    this.generation = (this.generation + 1) >>> 0;
    for (const r of extents) if (this.regions[this.regionOf(r)]?.sanitizeOnRelease) this.scrub(r);
  }

  /** Asks the host to give capacity back: one Release Capacity event per extent. */
  requestRelease(extents: readonly ExtentRange[]): void {
    if (extents.length === 0) throw new DeviceReturn(CXLMI_RET_INPUT);
    this.checkList(extents);
    for (const e of extents) if (!covered(e, this.accepted)) throw new DeviceReturn(CXLMI_RET_PADDR);
    extents.forEach((e, i) => {
      const extent = { ...e, tag: NO_TAG.slice(), shared_seq: 0 };
      this.raise(DcEventType.RELEASE_CAPACITY, extent, i < extents.length - 1);
    });
  }

  /** True when [dpa, dpa+len) is accepted dynamic capacity. */
  isBacked(r: ExtentRange): boolean {
    return covered(r, this.accepted);
  }

  /** A reset drops offers the host never answered. */
  reset(): void {
    this.pending = [];
    this.partial = [];
  }

  private raise(type: number, e: Extent, more: boolean): void {
    this.emit({
      log: DC_LOG,
      uuid: DYNAMIC_CAPACITY_EVENT_UUID,
      flags: EventSeverity.INFORMATIONAL,
      body: dcEventBody(type, Math.max(0, this.regionOf(e)), e, more, this.extentsAvailable, 0),
    });
  }
}
