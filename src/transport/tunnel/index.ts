/**
 * Tunneling decorator: wraps a transport so requests travel inside Tunnel Management Command
 * (5300h) requests. The FM-API work provides the real implementation here.
 */
import { CxlmiUnavailableError } from '../../errors.js';
import type { Transport } from '../transport.js';
import type { TunnelInfo } from '../tunnel-info.js';

export function tunnelTransport(_inner: Transport, _tunnel: TunnelInfo): Transport {
  throw new CxlmiUnavailableError(
    'tunneled commands are not available yet (they arrive with the FM-API command set)',
  );
}
