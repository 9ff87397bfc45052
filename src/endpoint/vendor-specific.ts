/**
 * Vendor-specific pass-through: any opcode in C000h-FFFFh, raw payload in and out; resolves with
 * `{ background: true }` when the device started the command in the background (return code 1).
 */
import { checkVendorOpcode } from '../commands/vendor/vendor-specific.js';
import { CxlmiCommandError } from '../errors.js';
import { CXLMI_RET_BACKGROUND, CXLMI_RET_SUCCESS } from '../protocol/retcodes.js';
import type { BackgroundStarted } from './background-started.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';

export async function vendorSpecific(
  ep: Endpoint,
  opcode: number,
  payload: Uint8Array = new Uint8Array(0),
  opts: CallOptions = {},
): Promise<Uint8Array | BackgroundStarted> {
  checkVendorOpcode(opcode);
  const rsp = await ep.request(opcode, payload, opts);
  // Return code 1: the command goes on in the background; whatever payload came is not its output.
  if (rsp.retcode === CXLMI_RET_BACKGROUND) return { background: true };
  if (rsp.retcode !== CXLMI_RET_SUCCESS) {
    throw new CxlmiCommandError('vendor_specific', opcode, rsp.retcode, rsp.vendorStatus);
  }
  return rsp.payload;
}
