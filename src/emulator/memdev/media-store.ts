/**
 * The device's user data, kept sparsely per 64-byte cache line: only lines ever written use
 * memory; every other line reads as zero. Enough for sanitize / clear poison to be observable.
 */
const LINE = 64;

export class MediaStore {
  private readonly lines = new Map<bigint, Uint8Array>();

  write(dpa: bigint, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const addr = dpa + BigInt(i);
      const key = addr / 64n;
      let line = this.lines.get(key);
      if (!line) {
        line = new Uint8Array(LINE);
        this.lines.set(key, line);
      }
      line[Number(addr % 64n)] = bytes[i];
    }
  }

  read(dpa: bigint, length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const addr = dpa + BigInt(i);
      const line = this.lines.get(addr / 64n);
      if (line) out[i] = line[Number(addr % 64n)];
    }
    return out;
  }

  /** Zeroes [dpa, dpa+length) (both 64-byte aligned): the lines are simply forgotten. */
  erase(dpa: bigint, length: bigint): void {
    const first = dpa / 64n;
    const last = (dpa + length) / 64n;
    for (const key of [...this.lines.keys()]) if (key >= first && key < last) this.lines.delete(key);
  }

  clear(): void {
    this.lines.clear();
  }

  /** Lines holding data (for tests and diagnostics). */
  get usedLines(): number {
    return this.lines.size;
  }
}
