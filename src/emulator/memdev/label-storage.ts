/** The Label Storage Area (CXL r3.1 8.2.9.9.2.3-4): bytes kept in memory with bounds checks. */
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

export class LabelStorage {
  readonly data: Uint8Array;

  constructor(size: number) {
    this.data = new Uint8Array(size);
  }

  get size(): number {
    return this.data.length;
  }

  private check(offset: number, length: number): void {
    if (offset + length > this.data.length) throw new DeviceReturn(CXLMI_RET_INPUT);
  }

  read(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.data.slice(offset, offset + length);
  }

  write(offset: number, bytes: Uint8Array): void {
    this.check(offset, bytes.length);
    this.data.set(bytes, offset);
  }

  clear(): void {
    this.data.fill(0);
  }
}
