/**
 * Reference functions that are not one command from the table, or whose arguments are raw
 * buffers: cxlmi_cmd_get_log (fills a byte buffer), cxlmi_cmd_get_log_cel (fills an array of CEL
 * entries) and cxlmi_cmd_vendor_specific (caller-given opcode and payloads).
 */
import { celEntry } from '../commands/generic/effects.js';
import { transferFw as transferFwCmd } from '../commands/generic/firmware.js';
import type { getLogReq } from '../commands/generic/logs.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { type CelEntry, celLog } from '../endpoint/get-log.js';
import { vendorSpecific } from '../endpoint/vendor-specific.js';
import { CxlmiUsageError } from '../errors.js';
import type { Infer, InferIn } from '../protocol/layout/index.js';
import { CXLMI_RET_BACKGROUND } from '../protocol/retcodes.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';

type Ti = TunnelInfo | null | undefined;
type GetLogReq = Infer<typeof getLogReq> | InferIn<typeof getLogReq>;

function checkEndpoint(name: string, ep: unknown): asserts ep is Endpoint {
  if (!ep || typeof (ep as Endpoint).send !== 'function') {
    throw new TypeError(`${name}: the first argument must be an endpoint`);
  }
}

/**
 * cxlmi_cmd_get_log(ep, ti, req, ret): Get Log; the log data is copied into `ret` when it is a
 * Uint8Array (libcxlmi's buffer), or set as `ret.data` on an object. Resolves with the data.
 */
export async function cxlmi_cmd_get_log(
  ep: Endpoint,
  ti: Ti,
  req: GetLogReq,
  ret?: Uint8Array | { data?: Uint8Array },
): Promise<Uint8Array> {
  checkEndpoint('cxlmi_cmd_get_log', ep);
  const { data } = await ep.getLogPart(req, { tunnel: ti ?? null });
  if (ret instanceof Uint8Array) ret.set(data.subarray(0, Math.min(data.length, ret.length)));
  else if (ret && typeof ret === 'object') ret.data = data;
  return data;
}

/** An empty CEL entry, or the entries of `req`'s range of the Command Effects Log. */
export function cxlmi_cmd_get_log_cel(): CelEntry;
export function cxlmi_cmd_get_log_cel(
  ep: Endpoint,
  ti: Ti,
  req: GetLogReq,
  ret?: CelEntry[],
): Promise<CelEntry[]>;
export function cxlmi_cmd_get_log_cel(
  ep?: Endpoint,
  ti?: Ti,
  req?: GetLogReq,
  ret?: CelEntry[],
): CelEntry | Promise<CelEntry[]> {
  if (ep === undefined) return celEntry.zero();
  return (async () => {
    checkEndpoint('cxlmi_cmd_get_log_cel', ep);
    if (!req)
      throw new CxlmiUsageError('cxlmi_cmd_get_log_cel: a get_log request (uuid, offset, length) is needed');
    const { data } = await ep.getLogPart(req, { tunnel: ti ?? null });
    // libcxlmi reads length / 4 entries; a trailing partial entry is not an entry.
    const whole = data.subarray(0, data.length - (data.length % 4));
    const entries = celLog.decode(whole, 'cxlmi_cmd_get_log_cel').entries;
    if (Array.isArray(ret)) {
      ret.length = 0;
      ret.push(...entries);
    }
    return entries;
  })();
}

/** Builds an empty CEL entry (libcxlmi's struct cxlmi_cmd_get_log_cel_rsp). */
export function cxlmi_cmd_get_log_cel_rsp(): CelEntry {
  return celEntry.zero();
}

/**
 * cxlmi_cmd_vendor_specific(ep, ti, opcode, in, in_size, ret, ret_size): sends `in_size` bytes of
 * `in` with a vendor opcode (C000h-FFFFh) and copies up to `ret_size` response bytes into `ret`.
 * Resolves with the whole response payload, or 1 (CXLMI_RET_BACKGROUND) when the device started
 * the command in the background.
 */
export async function cxlmi_cmd_vendor_specific(
  ep: Endpoint,
  ti: Ti,
  opcode: number,
  input: Uint8Array | null | undefined,
  in_size: number,
  ret: Uint8Array | null | undefined,
  ret_size: number,
): Promise<Uint8Array | typeof CXLMI_RET_BACKGROUND> {
  checkEndpoint('cxlmi_cmd_vendor_specific', ep);
  if (!!input !== in_size > 0 || !!ret !== ret_size > 0) {
    throw new CxlmiUsageError('cxlmi_cmd_vendor_specific: a buffer and its size go together');
  }
  if (input && in_size > input.length)
    throw new CxlmiUsageError('cxlmi_cmd_vendor_specific: in_size exceeds the input buffer');
  if (ret && ret_size > ret.length)
    throw new CxlmiUsageError('cxlmi_cmd_vendor_specific: ret_size exceeds the output buffer');
  const payload = await vendorSpecific(ep, opcode, input ? input.subarray(0, in_size) : undefined, {
    tunnel: ti ?? null,
  });
  // Return code 1: libcxlmi returns 1 and leaves `ret` as it was.
  if (!(payload instanceof Uint8Array)) return CXLMI_RET_BACKGROUND;
  if (ret) ret.set(payload.subarray(0, Math.min(payload.length, ret_size)));
  return payload;
}

type TransferFwReq = InferIn<typeof transferFwCmd.request>;

/**
 * cxlmi_cmd_transfer_fw(ep, ti, req, data_sz): Transfer FW with libcxlmi's extra argument, the
 * number of bytes of `req.data` to send (all of it when left out). Called with no arguments it
 * builds an empty request. Resolves 1 (CXLMI_RET_BACKGROUND) when the device goes on in the
 * background, as libcxlmi returns.
 */
export function cxlmi_cmd_transfer_fw(): Infer<typeof transferFwCmd.request>;
export function cxlmi_cmd_transfer_fw(
  ep: Endpoint,
  ti: Ti,
  req: TransferFwReq,
  data_sz?: number,
): Promise<{ background: false } | typeof CXLMI_RET_BACKGROUND>;
export function cxlmi_cmd_transfer_fw(
  ep?: Endpoint,
  ti?: Ti,
  req?: TransferFwReq,
  data_sz?: number,
): Infer<typeof transferFwCmd.request> | Promise<{ background: false } | typeof CXLMI_RET_BACKGROUND> {
  if (ep === undefined) return transferFwCmd.request.zero();
  return (async () => {
    checkEndpoint('cxlmi_cmd_transfer_fw', ep);
    if (!req) throw new CxlmiUsageError('cxlmi_cmd_transfer_fw: a transfer_fw request is needed');
    let data = req.data;
    if (data_sz !== undefined) {
      if (!Number.isInteger(data_sz) || data_sz < 0 || data_sz > data.length) {
        throw new RangeError(`cxlmi_cmd_transfer_fw: data_sz must be 0..${data.length}, got ${data_sz}`);
      }
      data = data.subarray(0, data_sz);
    }
    const r = await ep.transferFwPart({ ...req, data }, { tunnel: ti ?? null });
    // As every compat function: libcxlmi's return value 1 when the device verifies in the background.
    return r.background ? CXLMI_RET_BACKGROUND : { background: false as const };
  })();
}
