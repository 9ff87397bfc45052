/** MCTP socket transport (AF_MCTP, message types 0x08 CXL CCI and 0x07 FM-API). */
import type { Transport } from '../transport.js';
import { type MctpOpenOptions, openMctpTransport } from './mctp-link.js';

export type { Clock } from './clock.js';
export { MctpChannel, type MctpChannelOptions, type MctpPeer } from './mctp-channel.js';
export { MCTP_DEFAULT_MAX_PAYLOAD, MctpLink, type MctpOpenOptions, openMctpTransport } from './mctp-link.js';
export type { MctpAddress, MctpDatagram, MctpSocket, MctpSocketOps } from './mctp-socket.js';
export { nativeMctpSocketOps } from './native-mctp-socket.js';

/** Opens an MCTP endpoint by network id and EID. */
export async function openMctp(net: number, eid: number, options?: MctpOpenOptions): Promise<Transport> {
  return openMctpTransport(net, eid, options);
}
export { type NetlinkAck, parseAcks } from './netlink/ack.js';
export { MctpNetlink, type RouteOptions, setupMctpLink } from './netlink/link-setup.js';
export { addAddressRequest, addRouteRequest, linkUpRequest } from './netlink/rtnetlink-mctp.js';
export { attachMctpSerial, type MctpSerialAttachment, N_MCTP } from './netlink/serial-line.js';
