/**
 * Device side of the Tunnel Management Command (5300h): checks the request as QEMU's CXL model
 * does, hands the carried message to the device the tunnel targets and wraps its answer.
 *
 * The carried message is not copied out of the request: the target handles it where it lies (at
 * offset 4 of this request's payload) and answers into a buffer with room in front for this
 * level's response fields and header, which are written in place — one reply buffer for every
 * level, however deep the tunnel.
 */
import { TUNNEL_TARGET_LD_POOL_CCI, tunnelManagementCommand } from '../../commands/fmapi/mld-port.js';
import { CCI_CATEGORY_REQUEST, CCI_HEADER_SIZE } from '../../protocol/constants.js';
import { CXLMI_RET_INPUT, CXLMI_RET_PAYLOADLEN } from '../../protocol/retcodes.js';
import type { EmulatedDevice, RawHandlerContext } from '../device.js';
import { DeviceReturn } from '../device-return.js';

/** Picks the device a tunnel reaches, or throws DeviceReturn (Invalid Input) when there is none. */
export type TunnelResolver = (id: number, targetType: number) => EmulatedDevice;

export function noTunnelTarget(why: string): never {
  throw new DeviceReturn(CXLMI_RET_INPUT, why);
}

/** Tunnel Management Command request (Table 7-32) before the message: id, target type, size. */
const REQUEST_FIELDS = 4;
/** Tunnel Management Command response (Table 7-33) before the message: length, reserved. */
const RESPONSE_FIELDS = 4;

/** Registers 5300h on `device`. Only target type 0 is accepted unless `ldPool` is given. */
export function registerTunnel(
  device: EmulatedDevice,
  resolve: TunnelResolver,
  ldPool?: () => EmulatedDevice,
): void {
  device.handleRaw(tunnelManagementCommand, (ctx: RawHandlerContext) => {
    const b = ctx.bytes;
    const p = ctx.start;
    const room = ctx.headroom;
    // The request's layout: id (1), target type (1), command size (2), the message (command size).
    if (b.length - p < REQUEST_FIELDS)
      throw new DeviceReturn(CXLMI_RET_PAYLOADLEN, 'tunnel request too short');
    const id = b[p];
    const targetType = b[p + 1];
    const size = b[p + 2] | (b[p + 3] << 8);
    const at = p + REQUEST_FIELDS;
    const carried = b.length - at;
    if (carried < size) throw new DeviceReturn(CXLMI_RET_PAYLOADLEN, 'tunneled message cut short');
    if (size < CCI_HEADER_SIZE) throw new DeviceReturn(CXLMI_RET_PAYLOADLEN, 'tunneled message too short');
    if (carried !== size || size !== carriedLength(b, at)) {
      throw new DeviceReturn(CXLMI_RET_PAYLOADLEN, 'command size does not match the payload');
    }
    if ((b[at] & 0x0f) !== CCI_CATEGORY_REQUEST) throw new DeviceReturn(CXLMI_RET_INPUT, 'not a request');
    let target: EmulatedDevice;
    if (targetType === TUNNEL_TARGET_LD_POOL_CCI) {
      if (!ldPool) noTunnelTarget('no LD-pool CCI here');
      target = ldPool();
    } else if (targetType === 0) {
      target = resolve(id, targetType);
    } else {
      noTunnelTarget(`target type ${targetType}`);
    }
    const out = target.dispatchAt(b, at, room + RESPONSE_FIELDS);
    if (out === null) noTunnelTarget('the tunneled message was not answered');
    const length = out.length - room - RESPONSE_FIELDS;
    // The response's Response Length field is 16 bits (as the layout's encoder would refuse it).
    if (length > 0xffff) throw new RangeError(`tunneled response of ${length} bytes does not fit 16 bits`);
    out[room] = length & 0xff;
    out[room + 1] = length >>> 8;
    out[room + 2] = 0;
    out[room + 3] = 0;
    return out;
  });
}

/** The carried message's size as its own header states it (header + payload). */
function carriedLength(b: Uint8Array, at: number): number {
  return CCI_HEADER_SIZE + (b[at + 5] | (b[at + 6] << 8) | ((b[at + 7] & 0x1f) << 16));
}
