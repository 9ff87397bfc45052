/**
 * Tunneling cost: an FM-API command (Get LD Info, 5400h) wrapped in two Tunnel Management Command
 * levels (switch port → LD) as codec only; Identify end to end through 0, 1 and 2 levels over a
 * canned-reply transport (the library alone) and through the emulated fabric.
 */
import type { Bench } from 'tinybench';
import { getLdInfo } from '../src/commands/fmapi/mld-components.js';
import { tunnelCommandRsp } from '../src/commands/fmapi/mld-port.js';
import { defaultFabric } from '../src/emulator/fabric/index.js';
import { emulatorTransport } from '../src/emulator/link.js';
import { Context } from '../src/endpoint/context.js';
import type { Endpoint } from '../src/endpoint/endpoint.js';
import { CCI_CATEGORY_RESPONSE } from '../src/protocol/constants.js';
import { encodeMessage } from '../src/protocol/header.js';
import { parseResponse } from '../src/transport/message-link.js';
import { unwrapTunnelResponse, wrapTunnelRequest } from '../src/transport/tunnel/wrap.js';
import { type TunnelInfo, tunnelSwitch, tunnelSwitchMld } from '../src/transport/tunnel-info.js';
import { cannedReply, cannedTransport, IDENTIFY_PAYLOAD } from './canned.js';

/** A response message answering `tag`/`opcode`, as the device at the far end sends it. */
function response(tag: number, opcode: number, payload: Uint8Array): Uint8Array {
  return encodeMessage({ category: CCI_CATEGORY_RESPONSE, tag, opcode, payload });
}

export interface TunnelRig {
  canned2: Endpoint;
  canned2Tunnel: TunnelInfo;
  fabric: Endpoint;
  fabricTunnel: TunnelInfo;
  close(): Promise<void>;
}

export async function addTunnelCases(bench: Bench): Promise<TunnelRig> {
  const ldInfo = getLdInfo.response!.encode({
    memory_size: 1n << 32n,
    ld_count: 4,
    qos_telemetry_capability: 1,
  } as never);
  const inner = response(1, getLdInfo.opcode, ldInfo);
  const middle = response(2, 0x5300, tunnelCommandRsp.encode({ length: inner.length, message: inner }));
  const outerPayload = tunnelCommandRsp.encode({ length: middle.length, message: middle });
  let sink = 0;
  bench.add('codec: get_ld_info through 2 tunnel levels', () => {
    const req = getLdInfo.encodeRequest(undefined as never);
    const innerReq = wrapTunnelRequest(0, 0, 1, getLdInfo.opcode, req);
    const outerReq = wrapTunnelRequest(2, 0, 2, 0x5300, innerReq);
    const m1 = unwrapTunnelResponse(outerPayload, 'port 2', getLdInfo.opcode);
    const r1 = parseResponse(m1, 2, 0x5300);
    const m2 = unwrapTunnelResponse(r1.payload, 'ld 0', getLdInfo.opcode);
    const r2 = parseResponse(m2, 1, getLdInfo.opcode);
    const v = getLdInfo.response!.decode(r2.payload, getLdInfo.name) as { ld_count: number };
    sink += outerReq.length + v.ld_count;
  });
  bench.add('codec: get_ld_info direct', () => {
    const req = getLdInfo.encodeRequest(undefined as never);
    const v = getLdInfo.response!.decode(ldInfo, getLdInfo.name) as { ld_count: number };
    sink += req.length + v.ld_count;
  });

  const ctx = new Context({ probe: false });
  // The library alone: canned replies wrapped in 0, 1 and 2 tunnel levels.
  const canned = [0, 1, 2].map((levels) =>
    ctx.openTransport(cannedTransport(cannedReply(0x0001, IDENTIFY_PAYLOAD, levels), levels)),
  );
  const [c0, c1, c2] = await Promise.all(canned);
  const t1 = tunnelSwitch(1);
  const t2 = tunnelSwitchMld(1, 0);
  bench.add('tunnel: identify via canned-reply transport, no tunnel', () => c0.identify());
  bench.add('tunnel: identify via canned-reply transport, 1 level', () => c1.identify({ tunnel: t1 }));
  bench.add('tunnel: identify via canned-reply transport, 2 levels', () => c2.identify({ tunnel: t2 }));

  // Through the emulated fabric: the switch itself, the MLD on a port (1 level), its LD 0 (2 levels).
  const fabric = defaultFabric();
  const sw = fabric.endpoints().find((e) => e.name.startsWith('switch'));
  if (!sw) throw new Error('the default fabric has no switch');
  const ep = await ctx.openTransport(emulatorTransport(sw.device, { fmapi: true }));
  const port = await mldPort(ep);
  const viaPort = tunnelSwitch(port);
  const tunnel = tunnelSwitchMld(port, 0);
  await ep.identify({ tunnel });
  bench.add('tunnel: identify the switch via emulator, no tunnel', () => ep.identify());
  bench.add('tunnel: identify through 1 level (switch port → MLD) via emulator', () =>
    ep.identify({ tunnel: viaPort }),
  );
  bench.add('tunnel: identify through 2 levels (switch port → LD) via emulator', () =>
    ep.identify({ tunnel }),
  );
  void sink;
  return { canned2: c2, canned2Tunnel: t2, fabric: ep, fabricTunnel: tunnel, close: () => ctx.close() };
}

/** The switch port whose MLD has LD 0 bound, in the default fabric. */
async function mldPort(ep: Endpoint): Promise<number> {
  for (let port = 0; port < 16; port++) {
    try {
      await ep.identify({ tunnel: tunnelSwitchMld(port, 0) });
      return port;
    } catch {}
  }
  throw new Error('no MLD reachable through the switch');
}
