/**
 * Sending a firmware package (CXL r3.1 §8.2.9.3.2): one Full FW Transfer when it fits a message,
 * otherwise Initiate / Continue / End parts of whole 128-byte units, each as large as a request may
 * be. Parts the device runs in the background are waited for before the next one.
 */

import {
  FW_TRANSFER_ABORT,
  FW_TRANSFER_ALIGNMENT,
  FW_TRANSFER_CONTINUE,
  FW_TRANSFER_END,
  FW_TRANSFER_FULL,
  FW_TRANSFER_HEADER_SIZE,
  FW_TRANSFER_INITIATE,
  transferFw as transferFwCmd,
} from '../commands/generic/firmware.js';
import { CxlmiUsageError } from '../errors.js';
import {
  type BackgroundResult,
  checkBackgroundResult,
  waitForBackgroundOperation,
} from './background-wait.js';
import type { Endpoint } from './endpoint.js';
import type { TransferProgress } from './get-log.js';
import type { CallOptions } from './options.js';
import { requestPayloadLimit } from './payload-limits.js';

export interface FirmwareProgress extends TransferProgress {
  /**
   * `transfer` while parts are sent; `verify` while the device works in the background on what it
   * received (`done` bytes so far: after the last part, `done === total`, it checks and stores the
   * whole package).
   */
  phase: 'transfer' | 'verify';
}

export interface TransferFwOptions extends CallOptions {
  /** Slot to store the package in (must not be the active slot). */
  slot: number;
  /** Largest data part (default: what a request may carry, in whole 128-byte units). */
  chunkSize?: number;
  /** Poll interval while the device works in the background (ms, default 100). */
  intervalMs?: number;
  onProgress?: (p: FirmwareProgress) => void;
}

export interface TransferFwResult {
  /** Parts sent (1 for a Full FW Transfer). */
  parts: number;
  /** How the device's background verification ended, when it ran one. */
  background: BackgroundResult | undefined;
}

export async function transferFw(
  ep: Endpoint,
  image: Uint8Array,
  opts: TransferFwOptions,
): Promise<TransferFwResult> {
  if (!(image instanceof Uint8Array) || image.length === 0)
    throw new CxlmiUsageError('the firmware image must be a non-empty Uint8Array');
  if (!Number.isInteger(opts.slot) || opts.slot < 1 || opts.slot > 4)
    throw new CxlmiUsageError(`slot must be 1 to 4, got ${opts.slot}`);
  const call: CallOptions = { tunnel: opts.tunnel, timeoutMs: opts.timeoutMs, signal: opts.signal };
  let chunk = opts.chunkSize ?? (await requestPayloadLimit(ep, call)) - FW_TRANSFER_HEADER_SIZE;
  chunk = Math.floor(chunk / FW_TRANSFER_ALIGNMENT) * FW_TRANSFER_ALIGNMENT;
  if (chunk < FW_TRANSFER_ALIGNMENT)
    throw new CxlmiUsageError('chunkSize must allow at least one 128-byte unit per part');
  const total = image.length;
  const report = (phase: FirmwareProgress['phase'], done: number, percent: number) =>
    opts.onProgress?.({ phase, done, total, percent });
  // `done` is what was sent so far: the device may verify each part, and only the wait after the
  // last one (done === total) is the package's verification.
  const wait = (result: { background: boolean }, done: number) =>
    result.background
      ? waitForBackgroundOperation(ep, {
          tunnel: opts.tunnel,
          timeoutMs: opts.timeoutMs,
          signal: opts.signal,
          intervalMs: opts.intervalMs,
          onProgress: (p) => report('verify', done, p.percent),
        })
      : Promise.resolve(undefined);

  report('transfer', 0, 0);
  if (total <= chunk) {
    const r = await ep.transferFwPart(
      { action: FW_TRANSFER_FULL, slot: opts.slot, offset: 0, data: image },
      call,
    );
    report('transfer', total, 100);
    const background = await wait(r, total);
    if (background) checkBackgroundResult(transferFwCmd.name, background);
    return { parts: 1, background };
  }

  let sent = 0;
  let parts = 0;
  let ended = false;
  try {
    while (sent < total) {
      const n = Math.min(chunk, total - sent);
      const last = sent + n >= total;
      const action = sent === 0 ? FW_TRANSFER_INITIATE : last ? FW_TRANSFER_END : FW_TRANSFER_CONTINUE;
      const r = await ep.transferFwPart(
        {
          action,
          slot: last ? opts.slot : 0,
          offset: sent / FW_TRANSFER_ALIGNMENT,
          data: image.subarray(sent, sent + n),
        },
        call,
      );
      parts++;
      sent += n;
      ended = last;
      report('transfer', sent, Math.floor((sent / total) * 100));
      const background = await wait(r, sent);
      if (background) checkBackgroundResult(transferFwCmd.name, background);
      if (last) return { parts, background };
    }
  } catch (e) {
    // Leave the device ready for another transfer; the abort itself may fail harmlessly.
    if (sent > 0 && !ended) {
      await ep
        .transferFwPart(
          { action: FW_TRANSFER_ABORT, slot: 0, offset: 0, data: new Uint8Array(0) },
          { tunnel: opts.tunnel },
        )
        .catch(() => undefined);
    }
    throw e;
  }
  return { parts, background: undefined };
}
