/**
 * Tunneling decorator: wraps a transport so requests travel inside Tunnel Management Command
 * (5300h) requests — one level (to an LD of an MLD, to the device on a switch port, to the LD-pool
 * CCI of a multi-headed device) or two (switch port, then LD), built in one buffer. Works over any
 * transport.
 */
import { TUNNEL_TARGET_LD_POOL_CCI, TUNNEL_TARGET_PORT_OR_LD } from '../../commands/fmapi/mld-port.js';
import { CxlmiUsageError } from '../../errors.js';
import type { Transport } from '../transport.js';
import { describeTunnel, type TunnelInfo } from '../tunnel-info.js';
import { TunnelTransport } from './tunnel-transport.js';

export { type TunnelHop, TunnelTransport } from './tunnel-transport.js';
export { TUNNEL_HEADER_SIZE, unwrapTunnelResponse, wrapTunnelRequest } from './wrap.js';

function id(what: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) {
    throw new CxlmiUsageError(
      `tunnel ${what} must be 0..255 (the Tunnel Management Command carries one byte), got ${v}`,
    );
  }
  return v;
}

export function tunnelTransport(inner: Transport, t: TunnelInfo): Transport {
  if (t.mhd) {
    if (t.level !== 1) throw new CxlmiUsageError(`an MHD tunnel has one level, not ${t.level}`);
    return new TunnelTransport(inner, [{ id: 0, targetType: TUNNEL_TARGET_LD_POOL_CCI, label: 'mhd' }]);
  }
  if (t.level === 2) {
    return new TunnelTransport(inner, [
      { id: id('port', t.port), targetType: TUNNEL_TARGET_PORT_OR_LD, label: `port ${t.port}` },
      { id: id('LD id', t.ld), targetType: TUNNEL_TARGET_PORT_OR_LD, label: `ld ${t.ld}` },
    ]);
  }
  if (t.level === 1) {
    if (t.port >= 0 === t.ld >= 0) {
      throw new CxlmiUsageError(`a one-level tunnel names a port or an LD, not ${describeTunnel(t)}`);
    }
    const [what, v] = t.port >= 0 ? (['port', t.port] as const) : (['LD id', t.ld] as const);
    return new TunnelTransport(inner, [
      {
        id: id(what, v),
        targetType: TUNNEL_TARGET_PORT_OR_LD,
        label: t.port >= 0 ? `port ${t.port}` : `ld ${t.ld}`,
      },
    ]);
  }
  throw new CxlmiUsageError(`tunnel level must be 1 or 2, got ${String((t as { level: unknown }).level)}`);
}
