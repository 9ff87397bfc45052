/**
 * Builds an emulated fabric from a topology (see topology-spec.ts): the switch, its devices, the
 * bindings in place at power-on, and the endpoints the emulator opens.
 */
import { CxlmiUsageError } from '../../errors.js';
import { CXLMI_EVENT_LOG_DCD } from '../../protocol/constants.js';
import { uuidBytes } from '../../protocol/layout/index.js';
import type { EmulatedDevice } from '../device.js';
import type { EmulatedEndpointSpec } from '../topology.js';
import { Type3Device } from '../type3.js';
import { NO_TAG, overlaps } from './dcd-state.js';
import { MhdDevice } from './mhd.js';
import { MldDevice } from './mld.js';
import { CONNECTED_TYPE3_SLD, type PortDevice } from './port-device.js';
import { SwitchDevice } from './switch.js';
import { DEFAULT_TOPOLOGY, type TopologyDevice, type TopologySpec } from './topology-spec.js';
import { validateTopology } from './topology-validate.js';
import { VPPB_BOUND_LD, VPPB_BOUND_PORT } from './virtual-switch.js';

const MIB = 1024n * 1024n;

export type FabricNode =
  | { kind: 'sld'; name: string; device: Type3Device }
  | { kind: 'mld'; name: string; device: MldDevice }
  | { kind: 'mhd'; name: string; device: MhdDevice };

export interface FabricOptions {
  /** Device clock in ms for every device (tests pass a manual one). */
  clock?: () => number;
  bindDurationMs?: number;
}

function bad(what: string): never {
  throw new CxlmiUsageError(`topology: ${what}`);
}

function int(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    bad(`${what} must be an integer ${min}..${max}`);
  return v;
}

function serial(v: unknown, what: string): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^(0x[0-9a-f]{1,16}|\d{1,20})$/i.test(v))
    bad(`${what} serial must be hex or decimal text`);
  return BigInt.asUintN(64, BigInt(v));
}

export class Fabric {
  readonly switch: SwitchDevice | undefined;
  readonly switchName: string;
  readonly nodes = new Map<string, FabricNode>();
  readonly endpointNames: string[];

  constructor(spec: TopologySpec, opts: FabricOptions = {}) {
    if (typeof spec !== 'object' || spec === null) bad('must be a JSON object');
    const clock = opts.clock;
    for (const [i, d] of (spec.devices ?? []).entries()) this.#addDevice(d, i, clock);
    this.switchName = spec.switch?.name ?? 'switch0';
    if (spec.switch) {
      const sw = spec.switch;
      if (!Array.isArray(sw.ports) || sw.ports.length === 0) bad('the switch needs ports');
      const used = new Set<string>();
      const ports = sw.ports.map((p, i) => {
        const id = int(p.id, `port ${i} id`, 0, 255);
        if (p.type !== 'usp' && p.type !== 'dsp') bad(`port ${id} type must be "usp" or "dsp"`);
        let device: PortDevice | undefined;
        if (p.device !== undefined) {
          if (p.type !== 'dsp') bad(`port ${id}: only a downstream port holds a device`);
          device = this.#portDevice(p.device, p.head, id);
          if (used.has(device.name)) bad(`${device.name} is connected twice`);
          used.add(device.name);
        }
        return { id, kind: p.type, device };
      });
      const vcs = (sw.vcs ?? []).map((v, i) => ({
        uspPort: int(v.usp, `vcs ${i} usp`, 0, 255),
        vppbs: int(v.vppbs, `vcs ${i} vppbs`, 1, 255),
      }));
      try {
        this.switch = new SwitchDevice({
          ports,
          vcs,
          clock,
          serialNumber: serial(sw.serial, 'switch'),
          bindDurationMs: opts.bindDurationMs,
        });
      } catch (e) {
        bad((e as Error).message);
      }
      (sw.vcs ?? []).forEach((v, i) => {
        for (const b of v.bind ?? []) this.#bind(i, b);
      });
      this.switch.publishBindings();
    }
    this.endpointNames = spec.endpoints ?? [
      ...(spec.switch ? [this.switchName] : []),
      ...[...this.nodes.values()].filter((n) => n.kind !== 'sld').map((n) => n.name),
    ];
    for (const n of this.endpointNames) this.cci(n);
  }

  #addDevice(d: TopologyDevice, index: number, clock: (() => number) | undefined): void {
    if (typeof d?.name !== 'string' || !/^[a-z][a-z0-9_-]*$/i.test(d.name))
      bad('each device needs a simple name');
    if (this.nodes.has(d.name)) bad(`devices[${index}].name: "${d.name}" is declared twice`);
    const sn = serial(d.serial, d.name);
    switch (d.type) {
      case 'sld':
        this.nodes.set(d.name, {
          kind: 'sld',
          name: d.name,
          device: new Type3Device(sn === undefined ? { clock } : { clock, serialNumber: sn }),
        });
        return;
      case 'mld': {
        const lds = int(d.lds, `${d.name} lds`, 1, 16);
        const mib = int(d.capacity_mib, `${d.name} capacity_mib`, 256, 1 << 24);
        const granularity = int(d.granularity ?? 0, `${d.name} granularity`, 0, 2);
        const device = new MldDevice({
          name: d.name,
          ldCount: lds,
          memorySize: BigInt(mib) * MIB,
          granularity,
          clock,
          serialNumber: sn,
        });
        this.nodes.set(d.name, { kind: 'mld', name: d.name, device });
        return;
      }
      case 'mhd': {
        const heads = int(d.heads, `${d.name} heads`, 1, 32);
        const dcRegions = (d.dc_regions ?? []).map((r, i) => {
          const block = BigInt(int(r.block_mib ?? 2, `${d.name} region ${i} block_mib`, 1, 1 << 20)) * MIB;
          if ((block & (block - 1n)) !== 0n) bad(`${d.name} region ${i} block size must be a power of two`);
          const length = BigInt(int(r.length_mib, `${d.name} region ${i} length_mib`, 1, 1 << 24)) * MIB;
          if (length % block !== 0n) bad(`${d.name} region ${i} length must be whole blocks`);
          return { length, blockSize: block };
        });
        const lds = d.lds === undefined ? undefined : int(d.lds, `${d.name} lds`, 1, 64);
        const device = new MhdDevice({ name: d.name, heads, lds, dcRegions, clock, serialNumber: sn });
        (d.dc_extents ?? []).forEach((x, i) => {
          const host = device.dcd?.host(int(x.host, `${d.name} extent ${i} host`, 0, heads - 1));
          if (!host) bad(`${d.name} has no DC regions for extent ${i}`);
          const e = {
            start_dpa: BigInt(int(x.start_mib, `${d.name} extent ${i} start_mib`, 0, 1 << 24)) * MIB,
            len: BigInt(int(x.length_mib, `${d.name} extent ${i} length_mib`, 1, 1 << 24)) * MIB,
            tag: uuidBytes(x.tag ?? NO_TAG),
            shared_seq: 0,
          };
          if (device.dcd?.allExtents().some((o) => overlaps(o, e)))
            bad(`${d.name} extent ${i} overlaps another`);
          try {
            // Held since power-on: offered and accepted at once.
            host.offer([e]);
            host.respond([e], false);
          } catch {
            bad(`${d.name} extent ${i} is not whole blocks of a DC region`);
          }
          // Nothing happened that a host should be told about: drop the offer's event.
          const events = device.heads[x.host]?.generic.events.log(CXLMI_EVENT_LOG_DCD);
          events?.clear(events.peek(events.size).map((r) => r.handle));
        });
        this.nodes.set(d.name, { kind: 'mhd', name: d.name, device });
        return;
      }
      default:
        bad(`device ${(d as { name: string }).name}: type must be "sld", "mld" or "mhd"`);
    }
  }

  #portDevice(name: string, head: number | undefined, port: number): PortDevice {
    const n = this.nodes.get(name) ?? bad(`port ${port}: no device named ${name}`);
    if (n.kind === 'mhd')
      return n.device.head(int(head ?? 0, `port ${port} head`, 0, n.device.heads.length - 1));
    if (head !== undefined) bad(`port ${port}: ${name} has no heads`);
    if (n.kind === 'mld') return n.device;
    return { name, connectedType: CONNECTED_TYPE3_SLD, cci: n.device, ldCount: 0 };
  }

  #bind(vcsId: number, b: { vppb: number; port: number; ld?: number }): void {
    const sw = this.switch as SwitchDevice;
    const vppb =
      sw.vcs[vcsId].vppbs[int(b.vppb, `vcs ${vcsId} bind vppb`, 0, 255)] ??
      bad(`vcs ${vcsId} has no vPPB ${b.vppb}`);
    const port = sw.ports.get(b.port);
    if (!port?.device) bad(`vcs ${vcsId}: port ${b.port} has no device to bind`);
    const mld = port.device.ldCount > 0;
    if (mld !== (b.ld !== undefined))
      bad(`vcs ${vcsId}: bind port ${b.port} ${mld ? 'needs' : 'takes no'} "ld"`);
    if (b.ld !== undefined) int(b.ld, `vcs ${vcsId} bind ld`, 0, port.device.ldCount - 1);
    vppb.status = mld ? VPPB_BOUND_LD : VPPB_BOUND_PORT;
    vppb.port = b.port;
    vppb.ld = b.ld ?? 0xffff;
  }

  /** The CCI an endpoint name refers to, and whether it speaks FM-API. */
  cci(name: string): { device: EmulatedDevice; fmapi: boolean } {
    if (this.switch && name === this.switchName) return { device: this.switch, fmapi: true };
    const [base, sub] = name.split('.', 2);
    const n = this.nodes.get(base) ?? bad(`no endpoint named ${name}`);
    if (n.kind === 'sld' && sub === undefined) return { device: n.device, fmapi: false };
    if (n.kind === 'mld') {
      if (sub === undefined) return { device: n.device.cci, fmapi: true };
      const m = /^ld(\d+)$/.exec(sub);
      const ld = m ? n.device.lds[Number(m[1])] : undefined;
      if (ld) return { device: ld, fmapi: false };
    }
    if (n.kind === 'mhd') {
      const m = sub === undefined ? ['', '0'] : /^head(\d+)$/.exec(sub);
      const head = m ? n.device.heads[Number(m[1])] : undefined;
      if (head) return { device: head, fmapi: true };
    }
    return bad(`no endpoint named ${name}`);
  }

  /** Every CCI in the fabric, one per kind of device (the docs' "Emulator" column). */
  devices(): { name: string; device: EmulatedDevice }[] {
    const out: { name: string; device: EmulatedDevice }[] = [];
    if (this.switch) out.push({ name: 'switch', device: this.switch });
    const kinds = new Set<string>();
    for (const n of this.nodes.values()) {
      if (kinds.has(n.kind)) continue;
      kinds.add(n.kind);
      if (n.kind === 'mld')
        out.push({ name: 'mld', device: n.device.cci }, { name: 'mld-ld', device: n.device.lds[0] });
      if (n.kind === 'mhd')
        out.push({ name: 'mhd', device: n.device.heads[0] }, { name: 'mhd-pool', device: n.device.pool });
    }
    return out;
  }

  /** What `--emulate` opens for this fabric. */
  endpoints(): EmulatedEndpointSpec[] {
    return this.endpointNames.map((name) => {
      const c = this.cci(name);
      return { name, device: c.device, link: { fmapi: c.fmapi } };
    });
  }
}

/** Parses a topology file's text. */
export function parseTopology(text: string, opts?: FabricOptions): Fabric {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    bad(`not valid JSON: ${(e as Error).message}`);
  }
  validateTopology(spec);
  return new Fabric(spec as TopologySpec, opts);
}

/** The default fabric: switch + SLD + 4-LD MLD + two-headed DCD. */
export function defaultFabric(opts?: FabricOptions): Fabric {
  return new Fabric(DEFAULT_TOPOLOGY, opts);
}
