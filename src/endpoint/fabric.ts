/**
 * `ep.fabric()`: walks a switch — Identify Switch Device, then Get Physical Port State for every
 * enabled port, then Get Virtual CXL Switch Info for every VCS (paging through its vPPBs) — and
 * returns the topology as one typed object.
 */
import type { identifySwDevice, portStateInfoBlock } from '../commands/fmapi/physical-switch.js';
import type { vcsInfoBlock, vppbInfo } from '../commands/fmapi/virtual-switch.js';
import type { Infer } from '../protocol/layout/index.js';
import type { Endpoint } from './endpoint.js';
import type { CallOptions } from './options.js';

export type FabricPortState = Infer<typeof portStateInfoBlock>;
export type FabricVppb = Infer<typeof vppbInfo> & { vppb_id: number };
export type FabricVcs = Omit<Infer<typeof vcsInfoBlock>, 'vppbs'> & { vppbs: FabricVppb[] };

declare module './endpoint.js' {
  interface Endpoint {
    /** Walks the switch behind this endpoint: its identity, port states and virtual switches. */
    fabric(opts?: CallOptions): Promise<FabricTopology>;
  }
}

export interface FabricTopology {
  /** The switch's Identify Switch Device answer. */
  switch: Infer<NonNullable<typeof identifySwDevice.response>>;
  /** State of every enabled physical port, in port order. */
  ports: FabricPortState[];
  /** Every active virtual CXL switch with all its vPPBs. */
  vcs: FabricVcs[];
}

/** Port and VCS ids whose bit is set in a 256-bit bitmask. */
export function bitmaskIds(mask: Uint8Array): number[] {
  const out: number[] = [];
  mask.forEach((byte, i) => {
    for (let b = 0; b < 8; b++) if (byte & (1 << b)) out.push(i * 8 + b);
  });
  return out;
}

/** Port state blocks per request: 16 bytes each, kept well under a 256-byte MCTP-friendly payload. */
const PORTS_PER_REQUEST = 14;
/** vPPBs asked for per Get VCS Info request. */
const VPPBS_PER_REQUEST = 32;

export async function walkFabric(ep: Endpoint, opts: CallOptions = {}): Promise<FabricTopology> {
  const sw = await ep.identifySwitchDevice(opts);
  const ids = bitmaskIds(sw.active_port_bitmask);
  const ports: FabricPortState[] = [];
  for (let i = 0; i < ids.length; i += PORTS_PER_REQUEST) {
    const chunk = Uint8Array.from(ids.slice(i, i + PORTS_PER_REQUEST));
    const r = await ep.getPhysPortState({ num_ports: chunk.length, ports: chunk }, opts);
    ports.push(...r.ports);
  }
  const vcs: FabricVcs[] = [];
  for (const id of bitmaskIds(sw.active_vcs_bitmask)) {
    let block: FabricVcs | undefined;
    let start = 0;
    do {
      const r = await ep.getVcsInfo(
        {
          start_vppb: start,
          vppb_list_limit: VPPBS_PER_REQUEST,
          num_vcs: 1,
          vcs_id_list: Uint8Array.from([id]),
        },
        opts,
      );
      const b = r.vcs_info_list[0];
      if (!b) break;
      const page = b.vppbs.map((v, i) => ({ ...v, vppb_id: start + i }));
      if (block) block.vppbs.push(...page);
      else
        block = {
          vcs_id: b.vcs_id,
          vcs_state: b.vcs_state,
          usp_id: b.usp_id,
          num_vppbs: b.num_vppbs,
          vppbs: page,
        };
      if (page.length === 0) break;
      start += page.length;
    } while (start < block.num_vppbs);
    if (block) vcs.push(block);
  }
  return { switch: sw, ports, vcs };
}

export function installFabricHelper(proto: object): void {
  if ('fabric' in proto) throw new Error('endpoint helper fabric clashes with an Endpoint member');
  Object.defineProperty(proto, 'fabric', {
    value: function fabric(this: Endpoint, opts?: CallOptions) {
      return walkFabric(this, opts);
    },
    writable: true,
    configurable: true,
  });
}
