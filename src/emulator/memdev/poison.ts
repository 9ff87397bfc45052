/**
 * Media errors and the poison list (CXL r3.1 8.2.9.9.4).
 *
 * The device knows every media error (`known`); the poison list is the part of them it reports.
 * When an error does not fit the list the list overflows: the Overflow flag and timestamp are set
 * and only a Scan Media can rebuild the complete list. While a scan runs the list is frozen.
 */
import {
  CXLMI_RET_BUSY,
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_POISONLMT,
  CXLMI_RET_UNSUPPORTED,
} from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import { CACHELINE } from './config.js';

/** Media Error Record source (Table 8-140, address bits 2:0). */
export const PoisonSource = { UNKNOWN: 0, EXTERNAL: 1, INTERNAL: 2, INJECTED: 3, VENDOR: 7 } as const;

export interface MediaError {
  /** First byte, 64-byte aligned. */
  dpa: bigint;
  /** Bytes, a multiple of 64. */
  length: bigint;
  source: number;
}

export interface ErrorRecord {
  /** Address field as on the wire: DPA | source. */
  addr: bigint;
  /** Length in 64-byte units. */
  lines: number;
}

export interface PoisonListPage {
  flags: number;
  overflowTimestamp: bigint;
  records: ErrorRecord[];
}

const FLAG_MORE = 1 << 0;
const FLAG_OVERFLOW = 1 << 1;
const FLAG_SCANNING = 1 << 2;

function overlap(a: MediaError, start: bigint, end: bigint): boolean {
  return a.dpa < end && a.dpa + a.length > start;
}

/** Removes [start, end) from a list of errors, splitting entries that straddle it. */
function cut(list: MediaError[], start: bigint, end: bigint): MediaError[] {
  const out: MediaError[] = [];
  for (const e of list) {
    if (!overlap(e, start, end)) {
      out.push(e);
      continue;
    }
    if (e.dpa < start) out.push({ dpa: e.dpa, length: start - e.dpa, source: e.source });
    const eEnd = e.dpa + e.length;
    if (eEnd > end) out.push({ dpa: end, length: eEnd - end, source: e.source });
  }
  return out;
}

export class PoisonState {
  /** Every media error the device has (what a full scan would find). */
  private known: MediaError[] = [];
  /** The reported poison list. */
  private list: MediaError[] = [];
  overflowed = false;
  overflowTimestamp = 0n;
  scanning = false;
  private scanResults: MediaError[] | null = null;
  private scanStoppedEarly = false;
  private scanRange: { start: bigint; end: bigint } = { start: 0n, end: 0n };
  /** Continuation of a Get Poison List answered with More set: the query and the next index. */
  private cursor: { start: bigint; end: bigint; next: number } | null = null;

  constructor(
    private readonly maxEntries: number,
    private readonly injectLimit: number,
    /** Bytes of addressable DPA (static plus dynamic capacity). */
    private readonly capacity: () => bigint,
    /** Device timestamp for the overflow timestamp. */
    private readonly now: () => bigint,
  ) {}

  get entries(): readonly MediaError[] {
    return this.list;
  }

  private checkRange(dpa: bigint, length: bigint): void {
    if (dpa % CACHELINE !== 0n) throw new DeviceReturn(CXLMI_RET_INPUT);
    if (dpa + length > this.capacity()) throw new DeviceReturn(CXLMI_RET_PADDR);
  }

  private markOverflow(): void {
    if (!this.overflowed) {
      this.overflowed = true;
      this.overflowTimestamp = this.now();
    }
  }

  /** Adds an error the device discovered (or an injected one) to what it knows and reports. */
  addError(e: MediaError, report = true): void {
    this.known = cut(this.known, e.dpa, e.dpa + e.length);
    this.known.push(e);
    if (!report || this.scanning) return;
    this.list = cut(this.list, e.dpa, e.dpa + e.length);
    if (this.list.length >= this.maxEntries) this.markOverflow();
    else this.list.push(e);
  }

  /** Inject Poison (4301h): one cache line. */
  inject(dpa: bigint): void {
    this.checkRange(dpa, CACHELINE);
    // Already reported as poisoned: nothing to do. (A latent error there becomes reported.)
    if (this.list.some((e) => e.dpa <= dpa && dpa + CACHELINE <= e.dpa + e.length)) return;
    if (this.injectLimit > 0) {
      const injected = this.known.filter((e) => e.source === PoisonSource.INJECTED).length;
      if (injected >= this.injectLimit) throw new DeviceReturn(CXLMI_RET_POISONLMT);
    }
    this.addError({ dpa, length: CACHELINE, source: PoisonSource.INJECTED });
  }

  /** Clear Poison (4302h): the line stops being poisoned (the caller writes the data). */
  clear(dpa: bigint): void {
    this.checkRange(dpa, CACHELINE);
    this.known = cut(this.known, dpa, dpa + CACHELINE);
    if (this.scanning) return;
    this.list = cut(this.list, dpa, dpa + CACHELINE);
    // Splitting an entry in two may need a slot the list does not have: the list overflows.
    if (this.list.length > this.maxEntries) {
      this.list.length = this.maxEntries;
      this.markOverflow();
    }
  }

  /** Get Poison List (4300h). `maxRecords` is what fits in one response payload. */
  getList(dpa: bigint, lines: bigint, maxRecords: number): PoisonListPage {
    const length = lines * CACHELINE;
    this.checkRange(dpa, length);
    const end = dpa + length;
    const all = this.list
      .filter((e) => overlap(e, dpa, end))
      .sort((a, b) => (a.dpa < b.dpa ? -1 : a.dpa > b.dpa ? 1 : 0));
    const c = this.cursor;
    const first = c && c.start === dpa && c.end === end ? c.next : 0;
    const page = all.slice(first, first + maxRecords);
    const more = first + page.length < all.length;
    this.cursor = more ? { start: dpa, end, next: first + page.length } : null;
    let flags = 0;
    if (more) flags |= FLAG_MORE;
    if (this.overflowed) flags |= FLAG_OVERFLOW;
    if (this.scanning) flags |= FLAG_SCANNING;
    return {
      flags,
      overflowTimestamp: this.overflowed ? this.overflowTimestamp : 0n,
      records: page.map((e) => {
        const s = e.dpa < dpa ? dpa : e.dpa;
        let t = e.dpa + e.length;
        if (t > end) t = end;
        return { addr: s | BigInt(e.source), lines: Number((t - s) / CACHELINE) };
      }),
    };
  }

  /** Get Scan Media Capabilities (4303h): estimated time in ms (about 1 ms per 16 MiB, at least 1). */
  estimateScan(dpa: bigint, lines: bigint): number {
    this.checkRange(dpa, lines * CACHELINE);
    const ms = (lines * CACHELINE) / (16n * 1024n * 1024n);
    return Number(ms > 0xffffffffn ? 0xffffffffn : ms < 1n ? 1n : ms);
  }

  /** Scan Media (4304h), first half: validates and freezes the list. */
  startScan(dpa: bigint, lines: bigint): void {
    const length = lines * CACHELINE;
    this.checkRange(dpa, length);
    this.scanning = true;
    this.scanResults = null;
    this.scanRange = { start: dpa, end: dpa + length };
  }

  /**
   * Scan Media, completion: results are the errors in the range (returned too), the list is
   * rebuilt. An aborted scan reports what it found with "scan stopped prematurely".
   */
  finishScan(aborted = false): MediaError[] {
    const { start, end } = this.scanRange;
    this.scanning = false;
    this.scanStoppedEarly = aborted;
    const found = this.known.filter((e) => overlap(e, start, end));
    this.scanResults = [...found];
    if (aborted) return found;
    // Rebuild the list from everything known; only a complete rebuild clears the overflow.
    const sorted = [...this.known].sort((a, b) => (a.dpa < b.dpa ? -1 : a.dpa > b.dpa ? 1 : 0));
    this.list = sorted.slice(0, this.maxEntries);
    if (sorted.length <= this.maxEntries) {
      this.overflowed = false;
      this.overflowTimestamp = 0n;
    } else {
      this.markOverflow();
    }
    this.cursor = null;
    return found;
  }

  /** Get Scan Media Results (4305h): returned records are consumed. */
  takeScanResults(maxRecords: number): {
    flags: number;
    restart: bigint;
    restartLength: bigint;
    records: ErrorRecord[];
  } {
    if (this.scanning) throw new DeviceReturn(CXLMI_RET_BUSY);
    if (this.scanResults === null) throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
    const page = this.scanResults.splice(0, maxRecords);
    let flags = 0;
    if (this.scanResults.length > 0) flags |= 1 << 0;
    let restart = 0n;
    let restartLength = 0n;
    if (this.scanStoppedEarly) {
      flags |= 1 << 1;
      restart = this.scanRange.start;
      restartLength = (this.scanRange.end - this.scanRange.start) / CACHELINE;
    }
    return {
      flags,
      restart,
      restartLength,
      records: page.map((e) => ({ addr: e.dpa | BigInt(e.source), lines: Number(e.length / CACHELINE) })),
    };
  }

  /**
   * A repair replaced DRAM: the lines `hit` selects lose their errors, in what the device knows
   * and in the list it reports. Returns how many lines were cleared.
   */
  repair(hit: (dpa: bigint) => boolean): number {
    let cleared = 0;
    const strip = (list: MediaError[]): MediaError[] => {
      let out = list;
      for (const e of list) {
        const end = e.dpa + e.length;
        for (let a = e.dpa; a < end; a += CACHELINE) {
          if (!hit(a)) continue;
          out = cut(out, a, a + CACHELINE);
          cleared++;
        }
      }
      return out;
    };
    this.known = strip(this.known);
    this.list = strip(this.list);
    this.cursor = null;
    return cleared;
  }

  /** Sanitize / media zeroing: errors in the range are gone (the media was rewritten). */
  eraseRange(start: bigint, length: bigint): void {
    this.known = cut(this.known, start, start + length);
    this.list = cut(this.list, start, start + length);
  }

  /** Sanitize of the whole device: no errors, no overflow. */
  clearAll(): void {
    this.known = [];
    this.list = [];
    this.overflowed = false;
    this.overflowTimestamp = 0n;
    this.cursor = null;
  }
}
