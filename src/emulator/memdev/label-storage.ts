/**
 * The Label Storage Area (CXL r3.1 §8.2.9.9.2.3-4): bytes kept in memory with bounds checks.
 * The buffer is allocated on the first write, so a fleet of emulated devices costs nothing until
 * someone writes labels.
 */
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

export class LabelStorage {
  readonly size: number;
  #data: Uint8Array | undefined;

  constructor(size: number) {
    this.size = size;
  }

  /** The whole area (allocates it). */
  get data(): Uint8Array {
    this.#data ??= new Uint8Array(this.size);
    return this.#data;
  }

  private check(offset: number, length: number): void {
    if (offset + length > this.size) throw new DeviceReturn(CXLMI_RET_INPUT);
  }

  read(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    // A view of the stored bytes: the response encoder copies them into the reply once.
    return this.#data ? this.#data.subarray(offset, offset + length) : new Uint8Array(length);
  }

  write(offset: number, bytes: Uint8Array): void {
    this.check(offset, bytes.length);
    this.data.set(bytes, offset);
  }

  clear(): void {
    this.#data = undefined;
  }
}
