/**
 * Reading a whole log (CXL r3.1 §8.2.9.5.2): its size from Get Supported Logs, then Get Log in
 * pieces no larger than the endpoint's response limit.
 */

import { celEntry } from '../commands/generic/effects.js';
import { CEL_UUID } from '../commands/generic/logs.js';
import { CxlmiCommandError, CxlmiUsageError } from '../errors.js';
import { type Infer, struct, varArray } from '../protocol/layout/index.js';
import { CXLMI_RET_LOG } from '../protocol/retcodes.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';
import { responsePayloadLimit } from './payload-limits.js';

export interface TransferProgress {
  /** Bytes moved so far. */
  done: number;
  /** Bytes to move in all. */
  total: number;
  /** done / total as a percentage (0-100). */
  percent: number;
}

export interface GetLogOptions extends CallOptions {
  /** First byte to read (default 0). */
  offset?: number;
  /** Bytes to read (default: the rest of the log, as Get Supported Logs reports its size). */
  length?: number;
  /** Largest piece per Get Log (default: the endpoint's response limit). */
  chunkSize?: number;
  onProgress?: (p: TransferProgress) => void;
}

function checkSize(what: string, n: number, min: number): number {
  if (!Number.isInteger(n) || n < min || n > 0xffffffff)
    throw new CxlmiUsageError(`${what} must be an integer >= ${min}, got ${n}`);
  return n;
}

export async function getLog(ep: Endpoint, uuid: string, opts: GetLogOptions = {}): Promise<Uint8Array> {
  const call: CallOptions = { tunnel: opts.tunnel, timeoutMs: opts.timeoutMs, signal: opts.signal };
  const offset = checkSize('offset', opts.offset ?? 0, 0);
  let length = opts.length;
  if (length === undefined) {
    const logs = await ep.getSupportedLogs(call);
    const entry = logs.entries.find((e) => e.uuid === uuid.toLowerCase());
    if (!entry) throw new CxlmiCommandError('get_log', 0x0401, CXLMI_RET_LOG);
    length = Math.max(0, entry.log_size - offset);
  }
  checkSize('length', length, 0);
  const chunk = checkSize('chunkSize', opts.chunkSize ?? (await responsePayloadLimit(ep, call)), 1);
  let out: Uint8Array | undefined;
  let done = 0;
  opts.onProgress?.({ done, total: length, percent: length === 0 ? 100 : 0 });
  while (done < length) {
    const n = Math.min(chunk, length - done);
    const part = await ep.getLogPart({ uuid, offset: offset + done, length: n }, call);
    if (part.data.length === 0) break;
    const take = Math.min(part.data.length, length - done);
    if (done === 0 && take === length) {
      // The whole log in one part: it is returned as it arrived (the transport's reply is the
      // caller's own), without a second copy.
      done = take;
      out = take === part.data.length ? part.data : part.data.subarray(0, take);
    } else {
      out ??= new Uint8Array(length);
      out.set(part.data.subarray(0, take), done);
      done += take;
    }
    opts.onProgress?.({ done, total: length, percent: Math.floor((done / length) * 100) });
  }
  if (out === undefined) return new Uint8Array(0);
  return done === length ? out : out.slice(0, done);
}

/** The CEL Output Payload (Table 8-74): as many 4-byte entries as arrived. */
export const celLog = struct('cel_log', { entries: varArray(celEntry, 'rest') });
export type CelEntry = Infer<typeof celEntry>;

/** Reads and decodes the Command Effects Log. */
export async function getCel(
  ep: Endpoint,
  opts: Omit<GetLogOptions, 'offset' | 'length'> = {},
): Promise<CelEntry[]> {
  return celLog.decode(await getLog(ep, CEL_UUID, opts), 'get_log (CEL)').entries;
}
