/** A virtual CXL switch (VCS): an upstream port and vPPBs that bind to downstream ports or LDs. */

/** vPPB binding status (CXL r3.2 Table 7-28). */
export const VPPB_UNBOUND = 0;
export const VPPB_IN_PROGRESS = 1;
export const VPPB_BOUND_PORT = 2;
export const VPPB_BOUND_LD = 3;

export interface Vppb {
  status: number;
  /** Bound physical port, when bound. */
  port: number;
  /** Bound LD, or 0xFFFF when the whole port is bound. */
  ld: number;
}

export class VirtualSwitch {
  readonly id: number;
  readonly uspPort: number;
  readonly vppbs: Vppb[];

  constructor(id: number, uspPort: number, vppbCount: number) {
    this.id = id;
    this.uspPort = uspPort;
    this.vppbs = Array.from({ length: vppbCount }, () => ({ status: VPPB_UNBOUND, port: 0, ld: 0xffff }));
  }

  get boundCount(): number {
    return this.vppbs.filter((v) => v.status === VPPB_BOUND_PORT || v.status === VPPB_BOUND_LD).length;
  }
}
