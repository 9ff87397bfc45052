/**
 * The emulated device's firmware slots and the Transfer FW state machine
 * (CXL r3.1 §8.2.9.3). Parts must arrive in order, 128-byte aligned; a part may be repeated
 * back-to-back; a transfer idle for more than 30 s is dropped.
 */
import { CxlmiUsageError } from '../../errors.js';
import {
  CXLMI_RET_FWINPROGRESS,
  CXLMI_RET_FWOOO,
  CXLMI_RET_FWSLOT,
  CXLMI_RET_INPUT,
} from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

export const FW_PART_TIMEOUT_MS = 30_000;
const ALIGN = 128;

export interface FirmwareSlot {
  /** ASCII revision reported by Get FW Info (at most 16 characters). */
  revision: string;
  image: Uint8Array;
}

export interface FirmwareOptions {
  /** 2 to 4 (the spec's range). */
  slots?: number;
  /** Revision string of the firmware in slot 1 (the active slot at power-on). */
  revision?: string;
  /** Largest package the device accepts. */
  maxPackageSize?: number;
  /** Whether Activate FW with Action = Online is supported. */
  onlineActivation?: boolean;
}

interface Transfer {
  parts: PartStore;
  /** Next expected byte offset. */
  next: number;
  /** Byte offset and length of the last part, for back-to-back retransmission. */
  lastOffset: number;
  lastLength: number;
  lastAt: number;
}

/** The revision a package reports: its leading printable ASCII, or a placeholder. */
export function packageRevision(image: Uint8Array): string {
  let s = '';
  for (let i = 0; i < Math.min(16, image.length); i++) {
    const c = image[i] as number;
    if (c < 0x20 || c > 0x7e) break;
    s += String.fromCharCode(c);
  }
  return s.length > 0 ? s : 'unnamed';
}

/** Bytes per slab the parts of a transfer are copied into. */
const SLAB = 1 << 20;

/**
 * The parts of a transfer in progress, copied back to back into slabs of 1 MiB (the first one
 * smaller for a small first part): thousands of 4 KiB parts make a few buffers, not one each.
 */
class PartStore {
  readonly #sealed: Uint8Array[] = [];
  #slab: Uint8Array;
  #used = 0;
  /** Where the last part starts in the current slab. */
  #last = 0;

  constructor(first: Uint8Array) {
    this.#slab = new Uint8Array(Math.max(first.length, Math.min(SLAB, 16 * first.length)));
    this.append(first);
  }

  append(data: Uint8Array): void {
    if (this.#slab.length - this.#used < data.length) {
      this.#seal();
      this.#slab = new Uint8Array(Math.max(SLAB, data.length));
    }
    this.#slab.set(data, this.#used);
    this.#last = this.#used;
    this.#used += data.length;
  }

  /** A retransmission of the last part (same offset and length) overwrites it. */
  replaceLast(data: Uint8Array): void {
    this.#slab.set(data, this.#last);
  }

  /** The parts, in order, as views of the slabs' used bytes. */
  finish(): Uint8Array[] {
    this.#seal();
    return this.#sealed;
  }

  #seal(): void {
    if (this.#used > 0) this.#sealed.push(this.#slab.subarray(0, this.#used));
    this.#slab = new Uint8Array(0);
    this.#used = 0;
  }
}

/**
 * A complete package as it arrived: the parts the device copied in, joined into one buffer only
 * when someone reads the bytes (a 32 MiB transfer is not copied a second time just to finish).
 */
export class FirmwarePackage {
  readonly length: number;
  #parts: Uint8Array[] | undefined;
  #bytes: Uint8Array | undefined;

  constructor(parts: Uint8Array[]) {
    let n = 0;
    for (const p of parts) n += p.length;
    this.length = n;
    if (parts.length === 1) this.#bytes = parts[0];
    else this.#parts = parts;
  }

  /** The package as one buffer. */
  get bytes(): Uint8Array {
    if (this.#bytes === undefined) {
      this.#bytes = concat(this.#parts ?? []);
      this.#parts = undefined;
    }
    return this.#bytes;
  }

  /** The first part (at least 128 bytes unless the package is smaller): enough for its revision. */
  get head(): Uint8Array {
    return this.#bytes ?? this.#parts?.[0] ?? new Uint8Array(0);
  }
}

/** A slot holding a received package; its image is joined on first read. */
class StoredSlot implements FirmwareSlot {
  readonly revision: string;
  #pkg: FirmwarePackage | undefined;
  #image: Uint8Array | undefined;
  constructor(pkg: FirmwarePackage) {
    this.revision = packageRevision(pkg.head);
    this.#pkg = pkg;
  }
  get image(): Uint8Array {
    if (this.#image === undefined) {
      this.#image = this.#pkg?.bytes ?? new Uint8Array(0);
      this.#pkg = undefined;
    }
    return this.#image;
  }
  set image(bytes: Uint8Array) {
    this.#image = bytes;
    this.#pkg = undefined;
  }
}

export class FirmwareState {
  readonly slotCount: number;
  readonly maxPackageSize: number;
  readonly onlineActivation: boolean;
  readonly slots: (FirmwareSlot | undefined)[];
  activeSlot = 1;
  stagedSlot = 0;
  #transfer: Transfer | undefined;

  constructor(opts: FirmwareOptions = {}) {
    const n = opts.slots ?? 3;
    if (!Number.isInteger(n) || n < 2 || n > 4)
      throw new CxlmiUsageError('a device has 2 to 4 firmware slots');
    this.slotCount = n;
    this.maxPackageSize = opts.maxPackageSize ?? 32 * 1024 * 1024;
    this.onlineActivation = opts.onlineActivation ?? true;
    this.slots = new Array(n).fill(undefined);
    this.slots[0] = { revision: opts.revision ?? 'EMU-FW 1.0.0', image: new Uint8Array(0) };
  }

  get transferring(): boolean {
    return this.#transfer !== undefined;
  }

  /** Checks a target slot for Full / End transfers and activation. */
  checkTargetSlot(slot: number): void {
    if (slot === 0 || slot > this.slotCount || slot === this.activeSlot)
      throw new DeviceReturn(CXLMI_RET_FWSLOT);
  }

  #expire(now: number): void {
    if (this.#transfer && now - this.#transfer.lastAt > FW_PART_TIMEOUT_MS) this.#transfer = undefined;
  }

  /**
   * Validates one Transfer FW request and updates the in-progress transfer. Returns the complete
   * package when the request finishes one (Full or End), to be verified and stored by the caller.
   */
  accept(
    action: number,
    slot: number,
    offsetUnits: number,
    data: Uint8Array,
    now: number,
  ): FirmwarePackage | undefined {
    this.#expire(now);
    const offset = offsetUnits * ALIGN;
    switch (action) {
      case 0: {
        if (this.#transfer) throw new DeviceReturn(CXLMI_RET_FWINPROGRESS);
        this.checkTargetSlot(slot);
        if (data.length === 0 || data.length > this.maxPackageSize) throw new DeviceReturn(CXLMI_RET_INPUT);
        return new FirmwarePackage([new Uint8Array(data)]);
      }
      case 1: {
        if (this.#transfer) throw new DeviceReturn(CXLMI_RET_FWINPROGRESS);
        if (offset !== 0 || data.length === 0 || data.length % ALIGN !== 0)
          throw new DeviceReturn(CXLMI_RET_INPUT);
        if (data.length > this.maxPackageSize) throw new DeviceReturn(CXLMI_RET_INPUT);
        this.#transfer = {
          parts: new PartStore(data),
          next: data.length,
          lastOffset: 0,
          lastLength: data.length,
          lastAt: now,
        };
        return undefined;
      }
      case 2:
      case 3: {
        const t = this.#transfer;
        if (!t) throw new DeviceReturn(CXLMI_RET_FWOOO);
        if (action === 3) this.checkTargetSlot(slot);
        const retransmit = offset === t.lastOffset && data.length === t.lastLength;
        if (!retransmit && offset !== t.next) {
          this.#transfer = undefined;
          throw new DeviceReturn(CXLMI_RET_FWOOO);
        }
        if (data.length === 0 || (action === 2 && data.length % ALIGN !== 0))
          throw new DeviceReturn(CXLMI_RET_INPUT);
        if (offset + data.length > this.maxPackageSize) {
          this.#transfer = undefined;
          throw new DeviceReturn(CXLMI_RET_INPUT);
        }
        if (retransmit) t.parts.replaceLast(data);
        else {
          t.parts.append(data);
          t.next = offset + data.length;
          t.lastOffset = offset;
          t.lastLength = data.length;
        }
        t.lastAt = now;
        if (action === 2) return undefined;
        this.#transfer = undefined;
        return new FirmwarePackage(t.parts.finish());
      }
      case 4:
        this.#transfer = undefined;
        return undefined;
      default:
        throw new DeviceReturn(CXLMI_RET_INPUT);
    }
  }

  /** Stores a verified package. */
  store(slot: number, pkg: FirmwarePackage): void {
    this.slots[slot - 1] = new StoredSlot(pkg);
    if (this.stagedSlot === slot) this.stagedSlot = 0;
  }

  /** Validates an Activate FW request (Table 8-67). */
  checkActivate(action: number, slot: number): void {
    this.checkTargetSlot(slot);
    if (!this.slots[slot - 1]) throw new DeviceReturn(CXLMI_RET_FWSLOT);
    if (action > 1 || (action === 0 && !this.onlineActivation)) throw new DeviceReturn(CXLMI_RET_INPUT);
  }

  activate(slot: number): void {
    this.activeSlot = slot;
    if (this.stagedSlot === slot) this.stagedSlot = 0;
  }

  stage(slot: number): void {
    this.stagedSlot = slot;
  }

  /** A conventional reset: the slot staged for activation on reset becomes active; a half-done transfer is dropped. */
  reset(): void {
    if (this.stagedSlot) this.activate(this.stagedSlot);
    this.#transfer = undefined;
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
