/**
 * An emulated CXL switch: a switch CCI (FM-API) with physical ports, virtual CXL switches whose
 * vPPBs bind to downstream ports or LDs, and a Tunnel Management Command that reaches the device
 * on a downstream port.
 */
import { CXLMI_COMPONENT_TYPE_SWITCH } from '../../protocol/constants.js';
import { type DeviceOptions, EmulatedDevice } from '../device.js';
import { type Identity, registerInfoStatus } from '../generic/info-status.js';
import { registerTimestamp, TimestampState } from '../generic/timestamp.js';
import { PhysicalPort, type PortKind } from './physical-port.js';
import type { PortDevice } from './port-device.js';
import { registerSwitchMldPort } from './switch-mld-port.js';
import { registerSwitchPhysical } from './switch-physical.js';
import { registerSwitchVirtual } from './switch-virtual.js';
import { noTunnelTarget, registerTunnel } from './tunnel-target.js';
import { VirtualSwitch, VPPB_BOUND_LD } from './virtual-switch.js';

export interface SwitchPortSpec {
  id: number;
  kind: PortKind;
  device?: PortDevice;
}

export interface SwitchOptions extends DeviceOptions {
  ports: SwitchPortSpec[];
  /** Virtual CXL switches: upstream port and number of vPPBs. */
  vcs: { uspPort: number; vppbs: number }[];
  serialNumber?: bigint;
  /** How long Bind / Unbind vPPB run in the background on the device clock (default 0: done by the next command). */
  bindDurationMs?: number;
}

export class SwitchDevice extends EmulatedDevice {
  readonly ports = new Map<number, PhysicalPort>();
  readonly vcs: VirtualSwitch[];
  readonly timestamp: TimestampState;
  readonly serialNumber: bigint;
  readonly bindDurationMs: number;
  /** Domain validation secret value (Set Domain Validation SV), once set. */
  secretValue: string | undefined;

  constructor(opts: SwitchOptions) {
    super(opts);
    for (const p of opts.ports) {
      if (this.ports.has(p.id)) throw new RangeError(`switch port ${p.id} is declared twice`);
      this.ports.set(p.id, new PhysicalPort(p.id, p.kind, p.device));
    }
    this.vcs = opts.vcs.map((v, i) => {
      if (this.ports.get(v.uspPort)?.kind !== 'usp')
        throw new RangeError(`VCS ${i}: port ${v.uspPort} is not an upstream port`);
      return new VirtualSwitch(i, v.uspPort, v.vppbs);
    });
    this.serialNumber = opts.serialNumber ?? 0x5317c4000001n;
    this.bindDurationMs = opts.bindDurationMs ?? 0;
    this.timestamp = new TimestampState(this.clock);
    registerInfoStatus(this, () => this.identity());
    registerTimestamp(this, this.timestamp);
    registerSwitchPhysical(this);
    registerSwitchVirtual(this);
    registerSwitchMldPort(this);
    registerTunnel(this, (port) => this.tunnelTarget(port));
  }

  #identity: Identity | undefined;

  /** What Identify reports; one object, rebuilt only when the serial number changes. */
  identity(): Identity {
    if (this.#identity !== undefined && this.#identity.serial_num === this.serialNumber)
      return this.#identity;
    this.#identity = {
      vendor_id: 0x1b36,
      device_id: 0x000f,
      subsys_vendor_id: 0,
      subsys_id: 0,
      serial_num: this.serialNumber,
      max_msg_size: 12,
      component_type: CXLMI_COMPONENT_TYPE_SWITCH,
    };
    return this.#identity;
  }

  /** A port that exists, or Invalid Input. */
  port(id: number): PhysicalPort {
    const p = this.ports.get(id);
    if (!p) noTunnelTarget(`no port ${id}`);
    return p;
  }

  /** What a tunnel to downstream port `id` reaches: the device there, while its link is up. */
  tunnelTarget(id: number) {
    const p = this.port(id);
    if (p.kind !== 'dsp' || !p.device) noTunnelTarget(`nothing is connected to port ${id}`);
    if (!p.linkUp) noTunnelTarget(`port ${id} is held in reset`);
    return p.device.cci;
  }

  /** Tells each MLD which of its LDs are bound to a vPPB now. */
  publishBindings(): void {
    const bound = new Map<number, Set<number>>();
    for (const v of this.vcs) {
      for (const b of v.vppbs) {
        if (b.status !== VPPB_BOUND_LD) continue;
        const s = bound.get(b.port) ?? new Set<number>();
        s.add(b.ld);
        bound.set(b.port, s);
      }
    }
    for (const p of this.ports.values()) p.device?.setBoundLds?.(bound.get(p.id) ?? new Set());
  }
}
