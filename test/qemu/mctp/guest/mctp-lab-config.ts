/** What the host tells the guest about the emulated endpoints behind the serial link. */

export const MCTP_LAB_CONFIG_ENV = 'CXLMI_MCTP_LAB';
export const MCTP_REPORT_PREFIX = 'LAB-CHECK ';

export interface MctpLabConfig {
  /** MCTP network of the link (Linux's default network is 1). */
  net: number;
  /** The guest's own EID on the link. */
  localEid: number;
  /** The emulated Type 3 device (message type 08h). */
  type3Eid: number;
  /** The emulated switch (message type 07h). */
  switchEid: number;
  /** An EID nothing routes to. */
  unroutedEid: number;
  /** Serial numbers (hex text) of the Type 3 device, the MLD on switch port 2 and its LD 0. */
  type3Serial: string;
  mldSerial: string;
  ld0Serial: string;
  mldPort: number;
  /** Entries in the Type 3 device's Command Effects Log. */
  celEntries: number;
  /** The LSA write the guest makes (the host checks the device holds it afterwards). */
  lsaOffset: number;
  lsaLength: number;
  /** The firmware package the guest transfers to this slot (the host checks it landed). */
  fwSlot: number;
  fwLength: number;
  /**
   * The guest's end of the serial link: QEMU's virtio console (/dev/hvc0, N_MCTP attached to it
   * directly), or UML's serial line (/dev/ttyS0) behind a pty relay (`relay: true`).
   */
  mctpLine: string;
  relay: boolean;
  /** The fault-request line: a tty path (UML's ttyS1), or absent for QEMU's `lab.ctl` port. */
  controlLine?: string;
}

/** Deterministic bytes for the LSA write and the firmware package (both sides derive them). */
export function labBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
export const LSA_SEED = 0x4c5341;
export const FW_SEED = 0x465700;

/** One line on the control port: the host applies it to the emulated endpoints' peer. */
export type ControlRequest =
  | { op: 'fault'; rule: import('../../../../src/emulator/index.js').MctpSerialFaultRule }
  | { op: 'clear' }
  | { op: 'stats' };
