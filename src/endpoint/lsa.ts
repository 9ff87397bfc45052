/**
 * Chunked Label Storage Area transfers: Get LSA / Set LSA carry at most one payload each, so a
 * read or write of any size is split into pieces that fit the transport (and the device's
 * reported LSA size), in order, with progress reporting.
 */
import { CxlmiDecodeError, CxlmiUsageError } from '../errors.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';
import { requestPayloadLimit, responsePayloadLimit } from './payload-limits.js';

/** Set LSA's fixed part: offset (4) + reserved (4). */
const SET_LSA_HEADER = 8;

export interface LsaTransferOptions extends CallOptions {
  /** Largest piece to move per command (bytes); defaults to what the transport carries. */
  chunkSize?: number;
  /** Called after each piece with the bytes done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

function checkRange(offset: number, length: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0xffffffff) {
    throw new CxlmiUsageError(`LSA offset must be a 32-bit unsigned integer, got ${offset}`);
  }
  if (!Number.isInteger(length) || length < 0 || offset + length > 0x1_0000_0000) {
    throw new CxlmiUsageError(
      `LSA length ${length} at offset ${offset} does not fit the 32-bit LSA address space`,
    );
  }
}

/**
 * The piece size: what the caller asked for, bounded by what one message may carry — the response
 * limit for reads (Get LSA returns the data), the device's and transport's request limit for writes.
 */
async function chunkFor(
  ep: Endpoint,
  write: boolean,
  opts: LsaTransferOptions,
  call: CallOptions,
): Promise<number> {
  const limit = write
    ? (await requestPayloadLimit(ep, call)) - SET_LSA_HEADER
    : await responsePayloadLimit(ep, call);
  const max = Math.min(limit, ep.transport.maxPayload - (write ? SET_LSA_HEADER : 0));
  const chunk = Math.min(opts.chunkSize ?? max, max);
  if (!Number.isInteger(chunk) || chunk < 1) {
    throw new CxlmiUsageError(
      `LSA chunk size must be a positive integer no larger than ${max}, got ${opts.chunkSize}`,
    );
  }
  return chunk;
}

/** Reads `length` bytes of the LSA starting at `offset`. */
export async function readLsa(
  ep: Endpoint,
  offset: number,
  length: number,
  opts: LsaTransferOptions = {},
): Promise<Uint8Array> {
  checkRange(offset, length);
  const { onProgress, chunkSize: _c, ...call } = opts;
  const chunk = await chunkFor(ep, false, opts, call);
  // One piece: its bytes are returned as they arrived (the transport's reply is the caller's own).
  let out: Uint8Array | undefined = length > chunk ? new Uint8Array(length) : undefined;
  let done = 0;
  while (done < length) {
    const n = Math.min(chunk, length - done);
    const rsp = await ep.getLsa({ offset: offset + done, length: n }, call);
    if (rsp.data.length !== n) {
      throw new CxlmiDecodeError(`returned ${rsp.data.length} bytes instead of ${n}`, {
        command: 'memdev_get_lsa',
        field: 'data',
        offset: offset + done,
        length: rsp.data.length,
      });
    }
    if (out === undefined) out = rsp.data;
    else out.set(rsp.data, done);
    done += n;
    onProgress?.(done, length);
  }
  return out ?? new Uint8Array(0);
}

/** Writes `data` into the LSA starting at `offset`. */
export async function writeLsa(
  ep: Endpoint,
  offset: number,
  data: Uint8Array,
  opts: LsaTransferOptions = {},
): Promise<void> {
  checkRange(offset, data.length);
  const { onProgress, chunkSize: _c, ...call } = opts;
  const chunk = await chunkFor(ep, true, opts, call);
  let done = 0;
  while (done < data.length) {
    const n = Math.min(chunk, data.length - done);
    await ep.setLsa({ offset: offset + done, data: data.subarray(done, done + n) }, call);
    done += n;
    onProgress?.(done, data.length);
  }
}
