/**
 * Device side of the Tunnel Management Command (5300h): checks the request as QEMU's CXL model
 * does, hands the carried message to the device the tunnel targets and wraps its answer.
 */
import { TUNNEL_TARGET_LD_POOL_CCI, tunnelManagementCommand } from '../../commands/fmapi/mld-port.js';
import { CCI_CATEGORY_REQUEST, CCI_HEADER_SIZE } from '../../protocol/constants.js';
import { CXLMI_RET_INPUT, CXLMI_RET_PAYLOADLEN } from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';

/** Picks the device a tunnel reaches, or throws DeviceReturn (Invalid Input) when there is none. */
export type TunnelResolver = (id: number, targetType: number) => EmulatedDevice;

export function noTunnelTarget(why: string): never {
  throw new DeviceReturn(CXLMI_RET_INPUT, why);
}

/** Registers 5300h on `device`. Only target type 0 is accepted unless `ldPool` is given. */
export function registerTunnel(
  device: EmulatedDevice,
  resolve: TunnelResolver,
  ldPool?: () => EmulatedDevice,
): void {
  device.handle(tunnelManagementCommand, (req) => {
    if (req.command_size < CCI_HEADER_SIZE)
      throw new DeviceReturn(CXLMI_RET_PAYLOADLEN, 'tunneled message too short');
    if (req._extra !== undefined || req.message.length !== carriedLength(req.message)) {
      throw new DeviceReturn(CXLMI_RET_PAYLOADLEN, 'command size does not match the payload');
    }
    if ((req.message[0] & 0x0f) !== CCI_CATEGORY_REQUEST)
      throw new DeviceReturn(CXLMI_RET_INPUT, 'not a request');
    let target: EmulatedDevice;
    if (req.target_type === TUNNEL_TARGET_LD_POOL_CCI) {
      if (!ldPool) noTunnelTarget('no LD-pool CCI here');
      target = ldPool();
    } else if (req.target_type === 0) {
      target = resolve(req.id, req.target_type);
    } else {
      noTunnelTarget(`target type ${req.target_type}`);
    }
    const answer = target.dispatch(req.message);
    if (answer === null) noTunnelTarget('the tunneled message was not answered');
    return { length: answer.length, message: answer };
  });
}

/** The carried message's size as its own header states it (header + payload). */
function carriedLength(message: Uint8Array): number {
  return CCI_HEADER_SIZE + (message[5] | (message[6] << 8) | ((message[7] & 0x1f) << 16));
}
