/** Physical Switch commands (51h) on the emulated switch, following QEMU's checks. */
import {
  getDomainValidationSv,
  getDomainValidationSvState,
  getPhysPortState,
  getVcsDomainValidationSvState,
  identifySwDevice,
  physPortControl,
  sendPpbCxlioConfigRequest,
  setDomainValidationSv,
} from '../../commands/fmapi/physical-switch.js';
import { CXLMI_RET_INPUT, CXLMI_RET_INTERNAL } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import { LTSSM_DETECT, LTSSM_L0, type PhysicalPort } from './physical-port.js';
import { CONNECTED_NONE } from './port-device.js';
import type { SwitchDevice } from './switch.js';

/** Port configuration states (CXL r3.1 Table 7-19). */
const STATE_DSP = 3;
const STATE_USP = 4;
/** Connected device modes: 0 none, 3 256B flit. Supported modes: 68B flit + VH, 256B flit. */
const MODE_256B = 3;
const MODES = 0x06;
const LINK_PERST = 1 << 1;
const LINK_PRESENT = 1 << 2;

function bitmask(ids: Iterable<number>): Uint8Array {
  const out = new Uint8Array(32);
  for (const id of ids) out[id >> 3] |= 1 << (id & 7);
  return out;
}

export function portBlock(p: PhysicalPort) {
  const dev = p.device;
  const up = p.linkUp;
  return {
    port_id: p.id,
    config_state: p.kind === 'usp' ? STATE_USP : STATE_DSP,
    conn_dev_cxl_ver: p.kind === 'dsp' && dev && up ? MODE_256B : 0,
    conn_dev_type: p.kind === 'dsp' ? (dev?.connectedType ?? CONNECTED_NONE) : 0,
    port_cxl_ver_bitmask: MODES,
    max_link_width: p.maxLinkWidth,
    negotiated_link_width: up ? p.maxLinkWidth : 0,
    supported_link_speeds_vector: (1 << p.maxLinkSpeed) - 1,
    max_link_speed: p.maxLinkSpeed,
    current_link_speed: up ? p.maxLinkSpeed : 0,
    ltssm_state: up ? LTSSM_L0 : LTSSM_DETECT,
    first_lane_num: 0,
    link_state: (p.perst ? LINK_PERST : 0) | (dev || p.kind === 'usp' ? LINK_PRESENT : 0),
    supported_ld_count: dev?.ldCount ?? 0,
  };
}

export function registerSwitchPhysical(sw: SwitchDevice): void {
  sw.handle(identifySwDevice, () => ({
    ingress_port_id: 0,
    num_physical_ports: sw.ports.size,
    num_vcs: sw.vcs.length,
    active_port_bitmask: bitmask(sw.ports.keys()),
    active_vcs_bitmask: bitmask(sw.vcs.map((v) => v.id)),
    num_total_vppb: sw.vcs.reduce((n, v) => n + v.vppbs.length, 0),
    num_active_vppb: sw.vcs.reduce((n, v) => n + v.boundCount, 0),
    num_hdm_decoder_per_usp: 4,
  }));

  sw.handle(getPhysPortState, (req) => {
    const ports = [...req.ports].map((id) => portBlock(sw.port(id)));
    return { num_ports: ports.length, ports };
  });

  sw.handle(physPortControl, (req) => {
    const p = sw.port(req.ppb_id);
    switch (req.port_opcode) {
      case 0: // assert PERST
        if (p.perst) throw new DeviceReturn(CXLMI_RET_INTERNAL, 'PERST already asserted');
        p.perst = true;
        return;
      case 1: // deassert PERST
        if (!p.perst) throw new DeviceReturn(CXLMI_RET_INTERNAL, 'PERST is not asserted');
        p.perst = false;
        return;
      case 2: // reset PPB
        if (p.perst) throw new DeviceReturn(CXLMI_RET_INTERNAL, 'PERST is asserted');
        p.reset();
        return;
      default:
        throw new DeviceReturn(CXLMI_RET_INPUT, `port opcode ${req.port_opcode}`);
    }
  });

  sw.handle(sendPpbCxlioConfigRequest, (req) => {
    const p = sw.port(req.ppb_id);
    const f = req.field_1;
    const reg = (f & 0xff) | (((f >> 8) & 0xf) << 8);
    const enables = (f >> 12) & 0xf;
    const write = (f >> 23) & 1;
    let mask = 0;
    for (let b = 0; b < 4; b++) if (enables & (1 << b)) mask |= 0xff << (8 * b);
    mask >>>= 0;
    const old = p.config.get(reg) ?? 0;
    if (write) {
      p.config.set(reg, ((old & ~mask) | (req.transaction_data & mask)) >>> 0);
      return { return_data: 0 };
    }
    return { return_data: (old & mask) >>> 0 };
  });

  sw.handle(getDomainValidationSvState, () => ({ secret_value_state: sw.secretValue === undefined ? 0 : 1 }));
  sw.handle(setDomainValidationSv, (req) => {
    sw.secretValue = req.secret_value_uuid;
  });
  const vcs = (id: number) => {
    if (!sw.vcs[id]) throw new DeviceReturn(CXLMI_RET_INPUT, `no VCS ${id}`);
  };
  sw.handle(getVcsDomainValidationSvState, (req) => {
    vcs(req.vcs_id);
    return { secret_value_state: sw.secretValue === undefined ? 0 : 1 };
  });
  sw.handle(getDomainValidationSv, (req) => {
    vcs(req.vcs_id);
    if (sw.secretValue === undefined) throw new DeviceReturn(CXLMI_RET_INPUT, 'no secret value set');
    return { secret_value_uuid: sw.secretValue };
  });
}
