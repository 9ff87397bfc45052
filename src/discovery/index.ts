/** MCTP endpoint discovery through mctpd over D-Bus. The transports work provides the implementation. */
import { CxlmiUnavailableError } from '../errors.js';

export interface DiscoveredEndpoint {
  net: number;
  eid: number;
  /** MCTP message types the endpoint supports (0x07 FM-API, 0x08 CXL CCI, …). */
  messageTypes: number[];
  /** D-Bus object path of the endpoint. */
  path: string;
}

export async function discoverMctpEndpoints(): Promise<DiscoveredEndpoint[]> {
  throw new CxlmiUnavailableError('MCTP discovery over D-Bus is not available yet');
}
