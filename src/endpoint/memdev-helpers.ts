/**
 * Endpoint methods that take more than one Memory Device command: Label Storage Area reads and
 * writes of any size, in payload-sized pieces.
 */
import type { Endpoint } from './endpoint.js';
import { type LsaTransferOptions, readLsa, writeLsa } from './lsa.js';

declare module './endpoint.js' {
  interface Endpoint {
    /** Reads `length` bytes of the LSA at `offset`, in pieces that fit one payload each. */
    readLsa(offset: number, length: number, opts?: LsaTransferOptions): Promise<Uint8Array>;
    /** Writes `data` into the LSA at `offset`, in pieces that fit one payload each. */
    writeLsa(offset: number, data: Uint8Array, opts?: LsaTransferOptions): Promise<void>;
  }
}

const helpers = {
  readLsa(this: Endpoint, offset: number, length: number, opts?: LsaTransferOptions) {
    return readLsa(this, offset, length, opts);
  },
  writeLsa(this: Endpoint, offset: number, data: Uint8Array, opts?: LsaTransferOptions) {
    return writeLsa(this, offset, data, opts);
  },
};

export function installMemdevHelpers(proto: object): void {
  for (const [name, fn] of Object.entries(helpers)) {
    if (name in proto) throw new Error(`endpoint helper ${name} clashes with an Endpoint member`);
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  }
}
