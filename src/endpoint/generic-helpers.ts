/**
 * Endpoint methods that take more than one Generic Component command: waiting for a background
 * operation, reading a whole log or the CEL, and sending a firmware package in parts.
 */
import type { BackgroundStarted } from './background-started.js';
import type { BackgroundResult, WaitForBackgroundOptions } from './background-wait.js';
import { waitForBackgroundOperation } from './background-wait.js';
import type { Endpoint } from './endpoint.js';
import { type CelEntry, type GetLogOptions, getCel, getLog } from './get-log.js';
import type { CallOptions } from './options.js';
import { type TransferFwOptions, type TransferFwResult, transferFw } from './transfer-fw.js';
import { vendorSpecific } from './vendor-specific.js';

declare module './endpoint.js' {
  interface Endpoint {
    /** Polls Background Operation Status until the running operation ends; reports how it ended. */
    waitForBackgroundOperation(opts?: WaitForBackgroundOptions): Promise<BackgroundResult>;
    /** Request Abort Background Operation (the same as `requestBgOpAbort`). */
    abortBackgroundOperation(opts?: CallOptions): Promise<void>;
    /** Reads a log (or part of one) in pieces that fit the response limit. */
    getLog(uuid: string, opts?: GetLogOptions): Promise<Uint8Array>;
    /** Reads and decodes the Command Effects Log. */
    getCel(opts?: Omit<GetLogOptions, 'offset' | 'length'>): Promise<CelEntry[]>;
    /** Transfers a firmware package to a slot, in parts when it does not fit one message. */
    transferFw(image: Uint8Array, opts: TransferFwOptions): Promise<TransferFwResult>;
    /**
     * Sends a vendor-specific command (opcode C000h-FFFFh) with a raw payload and resolves with the
     * raw response payload, or `{ background: true }` for return code 1 (Background Command
     * Started); a failure return code throws CxlmiCommandError.
     */
    vendorSpecific(
      opcode: number,
      payload?: Uint8Array,
      opts?: CallOptions,
    ): Promise<Uint8Array | BackgroundStarted>;
  }
}

const helpers = {
  waitForBackgroundOperation(this: Endpoint, opts?: WaitForBackgroundOptions) {
    return waitForBackgroundOperation(this, opts);
  },
  async abortBackgroundOperation(this: Endpoint, opts?: CallOptions) {
    await this.requestBgOpAbort(opts);
  },
  getLog(this: Endpoint, uuid: string, opts?: GetLogOptions) {
    return getLog(this, uuid, opts);
  },
  getCel(this: Endpoint, opts?: Omit<GetLogOptions, 'offset' | 'length'>) {
    return getCel(this, opts);
  },
  transferFw(this: Endpoint, image: Uint8Array, opts: TransferFwOptions) {
    return transferFw(this, image, opts);
  },
  vendorSpecific(this: Endpoint, opcode: number, payload?: Uint8Array, opts?: CallOptions) {
    return vendorSpecific(this, opcode, payload, opts);
  },
};

export function installGenericHelpers(proto: object): void {
  for (const [name, fn] of Object.entries(helpers)) {
    if (name in proto) throw new Error(`endpoint helper ${name} clashes with an Endpoint member`);
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  }
}
