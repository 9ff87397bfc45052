/** MCTP endpoint discovery through mctpd over D-Bus (both of mctpd's namings). */
import { MCTP_TYPE_CXL_CCI, MCTP_TYPE_CXL_FMAPI } from '../protocol/constants.js';
import { type MctpdScanOptions, scanMctpd } from './mctpd-scan.js';

export { type MctpdEndpointInfo, parseEndpointProperties } from './endpoint-properties.js';
export {
  CODECONSTRUCT_NAMING,
  MCTP_ENDPOINT_INTERFACE,
  MCTPD_NAMINGS,
  type MctpdNaming,
  OPENBMC_NAMING,
} from './mctpd-namings.js';
export {
  cxlEndpointsFromManagedObjects,
  type MctpdCxlEndpoint,
  type MctpdScanOptions,
  type MctpdScanResult,
  scanMctpd,
} from './mctpd-scan.js';

export interface DiscoveredEndpoint {
  net: number;
  eid: number;
  /** MCTP message types the endpoint supports (0x07 FM-API, 0x08 CXL CCI, …). */
  messageTypes: number[];
  /** D-Bus object path of the endpoint. */
  path: string;
}

/** The endpoints mctpd knows that speak CXL (message type 0x07 or 0x08). */
export async function discoverMctpEndpoints(options: MctpdScanOptions = {}): Promise<DiscoveredEndpoint[]> {
  const { endpoints } = await scanMctpd(options);
  return endpoints.map((e) => ({ net: e.net, eid: e.eid, messageTypes: [...e.messageTypes], path: e.path }));
}

/** The CXL interfaces an endpoint's message types offer, or undefined when it speaks neither. */
export function cxlRoles(d: DiscoveredEndpoint): { cci: boolean; fmapi: boolean } | undefined {
  const cci = d.messageTypes.includes(MCTP_TYPE_CXL_CCI);
  const fmapi = d.messageTypes.includes(MCTP_TYPE_CXL_FMAPI);
  return cci || fmapi ? { cci, fmapi } : undefined;
}
