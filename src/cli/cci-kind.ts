/**
 * What kind of CCI an endpoint is, from what it reports about itself — never by trying a tunnel:
 * Identify's component type (a switch), and for a Type 3 device its Command Effects Log (an MLD's
 * FM-owned LD lists Get LD Info 5400h; a multi-headed device's head lists the Tunnel Management
 * Command 5300h, or the MHD commands 5500h, without being an MLD). A kernel memdev (`mem0`) is a
 * Type 3 device by definition, even when the kernel does not pass Identify through.
 */
import type { Endpoint } from '../endpoint/endpoint.js';
import { CXLMI_COMPONENT_TYPE_SWITCH, CXLMI_COMPONENT_TYPE_TYPE3 } from '../protocol/constants.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';

const OP_TUNNEL = 0x5300;
const OP_GET_LD_INFO = 0x5400;
const OP_GET_MHD_INFO = 0x5500;

export interface CciKind {
  /** 'switch', 'type3', 'other' (another component type), or 'unknown' (it did not say). */
  component: 'switch' | 'type3' | 'other' | 'unknown';
  /** The FM-owned LD of a multi-logical device: `--ld N` reaches its LDs. */
  mld: boolean;
  /** A head of a multi-headed device: `--mhd` reaches its LD-pool CCI. */
  mhd: boolean;
  /** Takes FM-API commands (the Tunnel Management Command is one). */
  fmapi: boolean;
  serial?: bigint;
  /** The opcodes its Command Effects Log lists, when it could be read. */
  opcodes?: ReadonlySet<number>;
  /** Why the kind is unknown, or what could not be read. */
  why?: string;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const known = new WeakMap<Endpoint, { kind: CciKind; cel: boolean }>();

/**
 * Reads the kind of `ep` (Identify, then the CEL of a Type 3 device when `needCel`); read once per
 * endpoint.
 */
export async function cciKind(ep: Endpoint, needCel: boolean): Promise<CciKind> {
  const had = known.get(ep);
  if (had && (had.cel || !needCel)) return had.kind;
  const kind = await readKind(ep, needCel);
  known.set(ep, { kind, cel: needCel });
  return kind;
}

async function readKind(ep: Endpoint, needCel: boolean): Promise<CciKind> {
  const kind: CciKind = { component: 'unknown', mld: false, mhd: false, fmapi: ep.fmapiEnabled };
  try {
    if (!ep.identity) await ep.probe();
    const id = ep.identity;
    kind.serial = id?.serial_num;
    kind.component =
      id?.component_type === CXLMI_COMPONENT_TYPE_SWITCH
        ? 'switch'
        : id?.component_type === CXLMI_COMPONENT_TYPE_TYPE3
          ? 'type3'
          : id?.component_type === undefined
            ? 'unknown'
            : 'other';
    if (kind.component === 'unknown') kind.why = 'Identify reports no component type (a CXL 2.0 device)';
  } catch (e) {
    kind.why = `Identify failed: ${message(e)}`;
  }
  if (kind.component === 'unknown' && ep.transport.kind === 'mailbox') {
    kind.component = 'type3';
    kind.why = undefined;
  }
  kind.fmapi = ep.fmapiEnabled;
  if (kind.component === 'unknown' || !needCel) return kind;
  if (kind.component === 'switch') {
    // A switch's CEL (when it has one) only says which commands it takes.
    try {
      kind.opcodes = new Set((await ep.getCel()).map((c) => c.opcode));
    } catch {
      // Not every switch CCI keeps logs: the component type is enough to know what it is.
    }
    return kind;
  }
  try {
    const ops = new Set((await ep.getCel()).map((c) => c.opcode));
    kind.opcodes = ops;
    kind.mld = ops.has(OP_GET_LD_INFO);
    kind.mhd = ops.has(OP_GET_MHD_INFO) || (ops.has(OP_TUNNEL) && !kind.mld);
  } catch (e) {
    kind.why = `its Command Effects Log could not be read: ${message(e)}`;
  }
  return kind;
}

/** The tunnel flag(s) as typed: `--port 1`, `--ld 1`, `--port 2 --ld 1`, `--mhd`. */
export function tunnelFlags(t: TunnelInfo): string {
  if (t.mhd) return '--mhd';
  if (t.level === 2) return `--port ${t.port} --ld ${t.ld}`;
  return t.port >= 0 ? `--port ${t.port}` : `--ld ${t.ld}`;
}

/** What a tunnel flag is for, for messages. */
export function tunnelFor(t: TunnelInfo): string {
  if (t.mhd) return 'the LD-pool CCI of a multi-headed device';
  if (t.port >= 0) return 'switches (a downstream port)';
  return 'MLDs (a logical device)';
}

/** A short description of a kind: `switch`, `MLD (FM-owned LD)`, `Type 3 memory device`. */
export function describeKind(k: CciKind): string {
  if (k.component === 'switch') return 'switch';
  if (k.component === 'type3') {
    if (k.mld && k.mhd) return 'multi-headed MLD';
    if (k.mld) return 'MLD FM-owned LD';
    if (k.mhd) return 'multi-headed device';
    return 'Type 3 memory device';
  }
  if (k.component === 'other') return 'component that is neither a switch nor a Type 3 device';
  return `unknown kind (${k.why ?? 'not reported'})`;
}

/** null when the tunnel fits an endpoint of this kind, else why not. */
export function misfit(t: TunnelInfo, k: CciKind): string | null {
  const fits = t.mhd ? k.component === 'type3' && k.mhd : t.port >= 0 ? k.component === 'switch' : k.mld;
  if (!fits) return `${tunnelFlags(t)} is for ${tunnelFor(t)}; this is ${a(describeKind(k))}`;
  if (!k.fmapi)
    return `${tunnelFlags(t)} needs FM-API (the Tunnel Management Command), which it does not take`;
  return null;
}

function a(what: string): string {
  if (what.startsWith('unknown')) return `of ${what}`;
  return what.startsWith('MLD') ? `an ${what}` : `a ${what}`;
}

/**
 * Whether a command with this opcode is for a CCI of this kind: listed in its Command Effects Log
 * when that could be read, else by command set (memory device commands for Type 3 devices, switch
 * commands for switches, MLD / MHD / DCD management for Type 3 devices with FM-API). null when it
 * is, else why not.
 */
export function notFor(opcode: number, k: CciKind): string | null {
  const op = `${opcode.toString(16).padStart(4, '0')}h`;
  if (k.opcodes) return k.opcodes.has(opcode) ? null : `its Command Effects Log does not list ${op}`;
  const set = opcode >> 8;
  const needs =
    set >= 0x40 && set < 0x50
      ? k.component === 'type3' || k.component === 'unknown'
      : set === 0x51 || set === 0x52
        ? k.component === 'switch'
        : set >= 0x54 && set <= 0x56
          ? k.component === 'type3' && k.fmapi
          : true;
  return needs ? null : `${op} is not a command for ${a(describeKind(k))}`;
}
