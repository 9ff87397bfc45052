/**
 * One device event log (CXL r3.1 §8.2.9.2): records kept in the order they happened, each with a
 * nonzero handle unique within the log, a fixed capacity and the overflow bookkeeping that
 * Get Event Records reports.
 */
import { CxlmiUsageError } from '../../errors.js';
import { CXLMI_RET_HANDLE, CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

export interface StoredEvent {
  readonly handle: number;
  /** The whole 0x80-byte record, handle and timestamp already filled in. */
  readonly bytes: Uint8Array;
}

export interface OverflowState {
  count: number;
  first: bigint;
  last: bigint;
}

/** Byte offsets inside a Common Event Record (Table 8-43). */
const HANDLE_OFFSET = 0x14;
const TIMESTAMP_OFFSET = 0x18;

export class EventLog {
  readonly capacity: number;
  #records: StoredEvent[] = [];
  #nextHandle = 1;
  #overflow: OverflowState = { count: 0, first: 0n, last: 0n };

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new CxlmiUsageError('an event log holds at least one record');
    this.capacity = capacity;
  }

  get size(): number {
    return this.#records.length;
  }

  get overflowed(): boolean {
    return this.#overflow.count > 0;
  }

  get overflow(): Readonly<OverflowState> {
    return this.#overflow;
  }

  /**
   * Stores a record (a 0x80-byte Common Event Record), stamping its handle and timestamp.
   * Returns the handle, or undefined when the log was full and the event only counted as overflow.
   */
  add(record: Uint8Array, now: bigint): number | undefined {
    if (this.#records.length >= this.capacity) {
      if (this.#overflow.count === 0) this.#overflow.first = now;
      if (this.#overflow.count < 0xffff) this.#overflow.count++;
      this.#overflow.last = now;
      return undefined;
    }
    const bytes = new Uint8Array(record);
    const handle = this.#nextHandle;
    this.#nextHandle = this.#nextHandle === 0xffff ? 1 : this.#nextHandle + 1;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint16(HANDLE_OFFSET, handle, true);
    view.setBigUint64(TIMESTAMP_OFFSET, now, true);
    this.#records.push({ handle, bytes });
    return handle;
  }

  /** The oldest `max` records, oldest first. */
  peek(max: number): readonly StoredEvent[] {
    return this.#records.slice(0, Math.max(0, max));
  }

  /**
   * Clears the given handles. They must name the oldest records, in temporal order; otherwise
   * nothing is cleared and the device answers Invalid Handle (r3.1 §8.2.9.2.3).
   */
  clear(handles: readonly number[]): void {
    if (handles.length > this.#records.length) throw new DeviceReturn(CXLMI_RET_HANDLE);
    for (let i = 0; i < handles.length; i++) {
      const h = handles[i];
      if (h === 0 || this.#records[i]?.handle !== h) throw new DeviceReturn(CXLMI_RET_HANDLE);
    }
    this.#records.splice(0, handles.length);
    if (handles.length > 0) this.#resetOverflow();
  }

  /** Clear All Events: only allowed once the log has overflowed. */
  clearAll(): void {
    if (!this.overflowed) throw new DeviceReturn(CXLMI_RET_INPUT);
    this.#records = [];
    this.#resetOverflow();
  }

  #resetOverflow(): void {
    this.#overflow = { count: 0, first: 0n, last: 0n };
  }
}
