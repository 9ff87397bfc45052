/**
 * An emulated multi-headed device: one Type 3 view per head (what each host — and a switch port —
 * sees), an LD-pool CCI reached from any head through the Tunnel Management Command (target type 1)
 * that answers the MHD commands (55h), and — when it has DC regions — DCD Management (56h) for its
 * hosts (one per head), on the pool and on each head.
 */
import { getHeadInfo, getMultiheadedInfo } from '../../commands/fmapi/mhd.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import type { DeviceOptions } from '../device.js';
import { DeviceReturn } from '../device-return.js';
import type { DcRegionConfig } from '../memdev/config.js';
import { Type3Device } from '../type3.js';
import { registerDcdManagement } from './dcd-management.js';
import { DcdState } from './dcd-state.js';
import { CONNECTED_TYPE3_SLD, type PortDevice } from './port-device.js';
import { noTunnelTarget, registerTunnel } from './tunnel-target.js';

export interface MhdOptions extends DeviceOptions {
  name?: string;
  heads: number;
  /** Logical devices, mapped to heads round robin. */
  lds?: number;
  /**
   * Dynamic capacity regions, shared by the heads' hosts: each head's Memory Device model gets the
   * same regions (after its static capacity) and keeps that host's extents.
   */
  dcRegions?: DcRegionConfig[];
  serialNumber?: bigint;
}

export class MhdDevice {
  readonly name: string;
  /** Each head's CCI: the host's Memory Device view. */
  readonly heads: Type3Device[];
  /** The LD-pool CCI. */
  readonly pool: Type3Device;
  /** LD → head. */
  readonly ldMap: number[];
  readonly dcd: DcdState | undefined;

  constructor(opts: MhdOptions) {
    if (!Number.isInteger(opts.heads) || opts.heads < 1 || opts.heads > 32)
      throw new RangeError('an MHD has 1 to 32 heads');
    this.name = opts.name ?? 'mhd';
    const serial = opts.serialNumber ?? 0x4d48440000000000n;
    this.pool = new Type3Device({ clock: opts.clock, serialNumber: serial });
    this.heads = Array.from(
      { length: opts.heads },
      (_, i) =>
        new Type3Device({
          clock: opts.clock,
          serialNumber: serial + BigInt(i + 1),
          dcRegions: opts.dcRegions,
        }),
    );
    this.ldMap = Array.from({ length: opts.lds ?? opts.heads }, (_, i) => i % opts.heads);
    for (const h of this.heads)
      registerTunnel(
        h,
        () => noTunnelTarget('an MHD head tunnels to its LD pool only'),
        () => this.pool,
      );
    this.pool.handle(getMultiheadedInfo, (req) => {
      if (req.start_ld_id >= this.ldMap.length)
        throw new DeviceReturn(CXLMI_RET_INPUT, `no LD ${req.start_ld_id}`);
      const map = this.ldMap.slice(req.start_ld_id, req.start_ld_id + req.ld_map_list_limit);
      return {
        num_lds: this.ldMap.length,
        num_heads: this.heads.length,
        start_ld_id: req.start_ld_id,
        ld_map_len: map.length,
        ld_map: Uint8Array.from(map),
      };
    });
    this.pool.handle(getHeadInfo, (req) => {
      if (req.start_head >= this.heads.length)
        throw new DeviceReturn(CXLMI_RET_INPUT, `no head ${req.start_head}`);
      const list = this.heads.slice(req.start_head, req.start_head + req.num_heads).map((_, i) => ({
        port_num: req.start_head + i,
        field_1: 16,
        field_2: 16,
        field_3: 0x3f,
        field_4: 6,
        field_5: 6,
        ltssm_state: 4,
        first_negotiated_lane_num: 0,
        link_state_flags: 0,
      }));
      return { num_heads: list.length, head_info_list: list };
    });
    if (opts.dcRegions && opts.dcRegions.length > 0) {
      const dcd = new DcdState(this.heads);
      this.dcd = dcd;
      registerDcdManagement(this.pool, dcd);
      // Each head's FM-facing CCI manages the shared capacity too (as QEMU's Type 3 MCTP CCI does).
      for (const h of this.heads) registerDcdManagement(h, dcd);
    }
  }

  /** Head `i` as something a switch port can hold. */
  head(i: number): PortDevice {
    const cci = this.heads[i];
    if (!cci) throw new RangeError(`${this.name} has no head ${i}`);
    return { name: `${this.name}.head${i}`, connectedType: CONNECTED_TYPE3_SLD, cci, ldCount: 0 };
  }
}
