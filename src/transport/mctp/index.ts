/** MCTP socket transport. The transports work provides the implementation. */
import { CxlmiUnavailableError } from '../../errors.js';
import type { Transport } from '../transport.js';

export async function openMctp(net: number, eid: number): Promise<Transport> {
  throw new CxlmiUnavailableError(`cannot open mctp:${net},${eid}: the MCTP transport is not available yet`);
}
