/**
 * An emulated multi-logical device: the FM-owned LD (the CCI the fabric manager talks to, with the
 * MLD Components commands and a Tunnel Management Command to each LD) and one Type 3 view per LD.
 * The tunnel reaches every LD the MLD has, bound to a vPPB or not: the FM-owned LD is how a fabric
 * manager reaches LDs (to configure them before binding, among others), CXL r3.1 §7.6.7.3.1 and
 * §2.4 set no binding condition, and QEMU's FM-owned LD tunnels by LD number alone.
 */
import type { DeviceOptions } from '../device.js';
import { Type3Device } from '../type3.js';
import { registerMldComponents } from './mld-components.js';
import { MldState } from './mld-state.js';
import { CONNECTED_TYPE3_MLD, type PortDevice } from './port-device.js';
import { noTunnelTarget, registerTunnel } from './tunnel-target.js';

export interface MldOptions extends DeviceOptions {
  name?: string;
  ldCount: number;
  memorySize: bigint;
  granularity?: number;
  serialNumber?: bigint;
}

export class MldDevice implements PortDevice {
  readonly name: string;
  readonly connectedType = CONNECTED_TYPE3_MLD;
  /** The FM-owned LD. */
  readonly cci: Type3Device;
  readonly lds: Type3Device[];
  readonly state: MldState;
  /** Each LD's configuration space (dword register → value), for Send LD CXL.io Configuration Request. */
  readonly ldConfig: Map<number, number>[];
  /** LDs bound to a vPPB, as the switch last told (for diagnostics; the tunnel does not depend on it). */
  boundLds: ReadonlySet<number> | undefined;

  constructor(opts: MldOptions) {
    this.name = opts.name ?? 'mld';
    const serial = opts.serialNumber ?? 0x4d4c440000000000n;
    this.state = new MldState(opts.ldCount, opts.memorySize, opts.granularity ?? 0);
    this.cci = new Type3Device({ clock: opts.clock, serialNumber: serial });
    this.lds = Array.from(
      { length: opts.ldCount },
      (_, i) => new Type3Device({ clock: opts.clock, serialNumber: serial + BigInt(i + 1) }),
    );
    // Vendor / device id and class code (memory controller, CXL) of each LD's function.
    this.ldConfig = this.lds.map(
      () =>
        new Map([
          [0, (0x0d93 << 16) | 0x1b36],
          [2, 0x05021000],
        ]),
    );
    registerMldComponents(this.cci, this.state);
    registerTunnel(this.cci, (ld) => this.ld(ld));
  }

  get ldCount(): number {
    return this.lds.length;
  }

  setBoundLds(lds: ReadonlySet<number>): void {
    this.boundLds = lds;
  }

  /** The LD a tunnel reaches, or Invalid Input. */
  ld(id: number): Type3Device {
    const d = this.lds[id];
    if (!d) noTunnelTarget(`no LD ${id}`);
    return d;
  }
}
