/** A switch physical port: what is connected, PERST, resets, link parameters and its PPB config space. */
import type { PortDevice } from './port-device.js';

export type PortKind = 'usp' | 'dsp';

/** LTSSM states used here (CXL r3.1 Table 7-19). */
export const LTSSM_DETECT = 0;
export const LTSSM_L0 = 4;

export class PhysicalPort {
  readonly id: number;
  readonly kind: PortKind;
  device: PortDevice | undefined;
  /** PERST# asserted by Physical Port Control: the link is held down. */
  perst = false;
  /** Reset PPB operations performed. */
  resets = 0;
  readonly maxLinkWidth: number;
  /** log2-style PCIe speed code of the fastest supported speed (6 = 64 GT/s). */
  readonly maxLinkSpeed: number;
  /** Dword registers of the PPB's configuration space (register number → value). */
  readonly config = new Map<number, number>();

  constructor(id: number, kind: PortKind, device?: PortDevice, maxLinkWidth = 16, maxLinkSpeed = 6) {
    this.id = id;
    this.kind = kind;
    this.device = device;
    this.maxLinkWidth = maxLinkWidth;
    this.maxLinkSpeed = maxLinkSpeed;
    // Vendor / device id (a QEMU-style PCIe switch port) and class code: PCI bridge.
    this.config.set(0, (0x000e << 16) | 0x1b36);
    this.config.set(2, 0x06040000);
  }

  /** The link trains when something is connected (or it is the upstream port) and PERST is released. */
  get linkUp(): boolean {
    return !this.perst && (this.kind === 'usp' || this.device !== undefined);
  }

  /** Reset PPB: the port's configuration space returns to its defaults. */
  reset(): void {
    this.resets++;
    for (const k of [...this.config.keys()]) if (k > 2) this.config.delete(k);
  }
}
