/** What a switch downstream port can hold: a device (or one head of a multi-headed device). */
import type { EmulatedDevice } from '../device.js';

/** Connected Device Type codes of Get Physical Port State (CXL r3.1 Table 7-19). */
export const CONNECTED_NONE = 0;
export const CONNECTED_TYPE3_SLD = 4;
export const CONNECTED_TYPE3_MLD = 5;

export interface PortDevice {
  /** Topology name (`sld0`, `mld0`, `mhd0.head1`). */
  readonly name: string;
  /** 4 (Type 3 SLD) or 5 (Type 3 MLD). */
  readonly connectedType: number;
  /** The CCI a tunnel through the switch port reaches (an MLD's FM-owned LD, an SLD itself, an MHD head). */
  readonly cci: EmulatedDevice;
  /** Logical devices behind the port (0 for a single-logical device). */
  readonly ldCount: number;
  /** The switch tells an MLD which of its LDs are bound to a vPPB (those its tunnel reaches). */
  setBoundLds?(lds: ReadonlySet<number>): void;
}
