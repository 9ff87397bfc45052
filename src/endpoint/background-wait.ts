/**
 * Waiting for a background operation (CXL r3.1 §8.2.8.4.6, §8.2.9.1.2): poll Background Operation
 * Status until the device no longer reports one running, then report how it ended.
 */

import { CxlmiAbortError, CxlmiCommandError, CxlmiUsageError } from '../errors.js';
import { CXLMI_RET_ABORT, CXLMI_RET_SUCCESS, retcodeName } from '../protocol/retcodes.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';
import { sleep } from './sleep.js';

export interface BackgroundProgress {
  /** Percentage complete the device reports (0-100). */
  percent: number;
  /** Opcode of the operation. */
  opcode: number;
}

export interface WaitForBackgroundOptions extends Pick<CallOptions, 'tunnel' | 'timeoutMs'> {
  /** Time between status polls, in ms (default 100). */
  intervalMs?: number;
  /** Stops waiting (the operation keeps running unless `abort` is set). */
  signal?: AbortSignal;
  /** When `signal` fires, also send Request Abort Background Operation to the device. */
  abort?: boolean;
  /** Called after every poll while the operation runs. */
  onProgress?: (p: BackgroundProgress) => void;
}

export interface BackgroundResult {
  opcode: number;
  /** Final return code of the operation (CXLMI_RET_ABORT when it was aborted). */
  returncode: number;
  returncodeName: string;
  vendor_ext_status: number;
  /** Percentage complete when it ended (below 100 when it was interrupted). */
  percent: number;
  aborted: boolean;
  /** The operation completed with Success. */
  ok: boolean;
}

export async function waitForBackgroundOperation(
  ep: Endpoint,
  opts: WaitForBackgroundOptions = {},
): Promise<BackgroundResult> {
  const interval = opts.intervalMs ?? 100;
  if (!Number.isFinite(interval) || interval < 0)
    throw new CxlmiUsageError(`intervalMs must be >= 0, got ${interval}`);
  const call = { tunnel: opts.tunnel, timeoutMs: opts.timeoutMs };
  for (;;) {
    const s = await ep.bgOpStatus({ ...call, signal: opts.signal });
    const percent = s.status_bits.percent_complete;
    if (!s.status_bits.in_progress) {
      const aborted = s.returncode === CXLMI_RET_ABORT;
      return {
        opcode: s.opcode,
        returncode: s.returncode,
        returncodeName: retcodeName(s.returncode),
        vendor_ext_status: s.vendor_ext_status,
        percent,
        aborted,
        ok: s.returncode === CXLMI_RET_SUCCESS && !aborted,
      };
    }
    opts.onProgress?.({ percent, opcode: s.opcode });
    try {
      await sleep(interval, opts.signal);
    } catch (e) {
      if (e instanceof CxlmiAbortError && opts.abort) await ep.requestBgOpAbort(call).catch(() => undefined);
      throw e;
    }
  }
}

/** Throws CxlmiCommandError when a background operation did not complete with Success. */
export function checkBackgroundResult(command: string, result: BackgroundResult): void {
  if (!result.ok)
    throw new CxlmiCommandError(command, result.opcode, result.returncode, result.vendor_ext_status);
}
