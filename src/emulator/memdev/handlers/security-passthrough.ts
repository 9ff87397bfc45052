/**
 * Emulator side of Security Passthrough (46h). The device implements only the SFSC protocol
 * information query (protocol 00h, SP specific 0000h): its list of supported protocols.
 */
import { securityReceive, securitySend } from '../../../commands/memdev/security-passthrough.js';
import { CXLMI_RET_INPUT } from '../../../protocol/retcodes.js';
import type { EmulatedDevice } from '../../device.js';
import { DeviceReturn } from '../../device-return.js';

/** Security protocols the device lists: only 00h itself. */
const PROTOCOLS = [0x00];

export function registerSecurityPassthrough(device: EmulatedDevice): void {
  // No protocol takes data from the host.
  device.handle(securitySend, () => {
    throw new DeviceReturn(CXLMI_RET_INPUT);
  });
  device.handle(securityReceive, (req) => {
    if (req.security_protocol !== 0x00 || req.sp_specific !== 0x0000) throw new DeviceReturn(CXLMI_RET_INPUT);
    // Supported security protocol list: 6 reserved bytes, big-endian list length, the list.
    const data = new Uint8Array(8 + PROTOCOLS.length);
    data[6] = PROTOCOLS.length >> 8;
    data[7] = PROTOCOLS.length & 0xff;
    data.set(PROTOCOLS, 8);
    return { data };
  });
}
