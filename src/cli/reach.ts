/**
 * What a command will reach: the whole path (`emulator:switch0 → port 2 → LD 1`) and what answered
 * at its end (serial number, component type), read with Identify through the tunnel before the
 * command itself is sent. A tunnel that cannot be opened is explained with the hop that failed,
 * from the switch's or the MLD's own read-only answers (Get Physical Port State, Get LD Info).
 */
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiCommandError } from '../errors.js';
import { CXLMI_COMPONENT_TYPE_SWITCH, CXLMI_COMPONENT_TYPE_TYPE3 } from '../protocol/constants.js';
import { cxlmi_cmd_retcode_tostr } from '../protocol/retcodes.js';
import { type TunnelInfo, tunnelSwitch } from '../transport/tunnel-info.js';

const OP_TUNNEL = 0x5300;

/** Connected Device Type of Get Physical Port State (CXL r3.1 Table 7-19). */
const CONNECTED = [
  'nothing',
  'a PCIe device',
  'a CXL Type 1 device',
  'a CXL Type 2 device',
  'a single-logical Type 3 device',
  'an MLD',
  'a PBR component',
];
const CONNECTED_NONE = 0;
const CONNECTED_MLD = 5;
/** Current Port Configuration State (Table 7-19). */
const STATE_DSP = 3;
const STATE_INVALID = 0xf;
/** LTSSM state L0: the link is up. */
const LTSSM_L0 = 4;

export interface Reached {
  /** `emulator:switch0 → port 2 → LD 1` (the endpoint's description when there is no tunnel). */
  path: string;
  /** The path and what answered there: `emulator:switch0 → port 1 (Type 3, serial 0x…)`. */
  label: string;
  serial?: bigint;
  componentType?: number;
}

/** The hops of a tunnel as users name them: `port 2`, `LD 1`, `LD pool`. */
export function hops(t: TunnelInfo | null): string[] {
  if (!t) return [];
  if (t.mhd) return ['LD pool'];
  const out: string[] = [];
  if (t.port >= 0) out.push(`port ${t.port}`);
  if (t.ld >= 0) out.push(`LD ${t.ld}`);
  return out;
}

export function pathOf(ep: Endpoint, t: TunnelInfo | null): string {
  return [ep.description, ...hops(t)].join(' → ');
}

function componentName(t: number | undefined): string {
  if (t === CXLMI_COMPONENT_TYPE_TYPE3) return 'Type 3';
  if (t === CXLMI_COMPONENT_TYPE_SWITCH) return 'switch';
  return t === undefined ? 'component type not reported' : `component type 0x${t.toString(16)}`;
}

export function labelOf(path: string, serial: bigint | undefined, componentType: number | undefined): string {
  if (serial === undefined && componentType === undefined) return path;
  const sn = serial === undefined ? 'serial unknown' : `serial 0x${serial.toString(16).padStart(16, '0')}`;
  return `${path} (${componentName(componentType)}, ${sn})`;
}

/** A tunnel the device refused, said with the whole path, the hop that refused and why. */
export class TunnelRefusedError extends CxlmiCommandError {
  constructor(path: string, hop: string | null, why: string, cause: CxlmiCommandError) {
    super(cause.command, cause.opcode, cause.retcode, cause.vendorStatus);
    const text = cxlmi_cmd_retcode_tostr(cause.retcode) ?? cause.retcodeName;
    this.message = `${path}: ${hop ? `${hop}: ` : ''}${why} (the Tunnel Management Command 5300h answered ${text})`;
    this.cause = cause;
  }
}

/**
 * Identifies what answers at the end of `t` from `ep`. Identify is read-only; a device that
 * cannot answer it (a kernel that does not pass it through) leaves serial and type unknown.
 */
export async function reach(ep: Endpoint, t: TunnelInfo | null, signal?: AbortSignal): Promise<Reached> {
  const path = pathOf(ep, t);
  try {
    const id = t === null && ep.identity ? ep.identity : await ep.identify({ tunnel: t, signal });
    return {
      path,
      label: labelOf(path, id.serial_num, id.component_type),
      serial: id.serial_num,
      componentType: id.component_type,
    };
  } catch (e) {
    if (t && e instanceof CxlmiCommandError && e.opcode === OP_TUNNEL) throw await explain(ep, t, e, signal);
    if (t) throw e;
    return { path, label: path };
  }
}

/** Finds out which hop refused and why, with read-only commands (switch and MLD state). */
async function explain(
  ep: Endpoint,
  t: TunnelInfo,
  e: CxlmiCommandError,
  signal?: AbortSignal,
): Promise<TunnelRefusedError> {
  const path = pathOf(ep, t);
  // The port hop of a two-level tunnel is named when it is the one that failed.
  const atPort = t.level === 2 ? `port ${t.port}` : null;
  const refused = (hop: string | null, why: string) => new TunnelRefusedError(path, hop, why, e);
  try {
    if (t.mhd) return refused(null, `${ep.description} has no LD-pool CCI to tunnel to`);
    if (t.port >= 0) {
      const sw = await ep.identifySwitchDevice({ signal });
      const exists = (sw.active_port_bitmask[t.port >> 3] & (1 << (t.port & 7))) !== 0;
      if (!exists) return refused(atPort, `the switch has no port ${t.port}`);
      const rsp = await ep.getPhysPortState({ num_ports: 1, ports: Uint8Array.of(t.port) }, { signal });
      const p = rsp.ports[0];
      if (!p || p.config_state_bits.state === STATE_INVALID)
        return refused(atPort, `the switch has no port ${t.port}`);
      if (p.config_state_bits.state !== STATE_DSP)
        return refused(atPort, 'not a downstream port (nothing is reached through it)');
      if (p.conn_dev_type === CONNECTED_NONE) return refused(atPort, 'nothing is connected');
      if (p.link_state_bits.perst || p.ltssm_state !== LTSSM_L0)
        return refused(atPort, 'the link is down (PERST# asserted or not trained)');
      const there = CONNECTED[p.conn_dev_type] ?? `a device of type ${p.conn_dev_type}`;
      if (t.ld < 0) return refused(null, `${there} is connected and refused the tunnel`);
      if (p.conn_dev_type !== CONNECTED_MLD)
        return refused(null, `the device on port ${t.port} is ${there}, which has no LDs`);
      const info = await ep.getLdInfo({ tunnel: tunnelSwitch(t.port), signal });
      if (t.ld >= info.ld_count)
        return refused(null, `the MLD on port ${t.port} has ${ldRange(info.ld_count)}`);
      return refused(null, 'the MLD refused it');
    }
    const info = await ep.getLdInfo({ signal });
    if (t.ld >= info.ld_count) return refused(null, `the MLD has ${ldRange(info.ld_count)}`);
    return refused(null, 'the MLD refused it');
  } catch {
    return refused(null, 'the tunnel was refused');
  }
}

function ldRange(n: number): string {
  return n === 1 ? 'one LD (LD 0)' : `${n} LDs (0-${n - 1})`;
}
