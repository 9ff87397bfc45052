/** Virtual Switch commands (52h) on the emulated switch. Bind and Unbind run as background operations. */
import { BIND_WHOLE_PORT, bindVppb, getVcsInfo, unbindVppb } from '../../commands/fmapi/virtual-switch.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import { CONNECTED_TYPE3_MLD } from './port-device.js';
import type { SwitchDevice } from './switch.js';
import {
  VPPB_BOUND_LD,
  VPPB_BOUND_PORT,
  VPPB_IN_PROGRESS,
  VPPB_UNBOUND,
  type Vppb,
} from './virtual-switch.js';

const INVALID_VCS = 0xff;

function bad(why: string): never {
  throw new DeviceReturn(CXLMI_RET_INPUT, why);
}

export function registerSwitchVirtual(sw: SwitchDevice): void {
  sw.handle(getVcsInfo, (req) => {
    if (req.vppb_list_limit === 0) bad('vPPB list limit 0');
    const list = [...req.vcs_id_list].map((id) => {
      const v = sw.vcs[id];
      if (!v) return { vcs_id: id, vcs_state: INVALID_VCS, usp_id: 0, num_vppbs: 0, vppbs: [] };
      const vppbs = v.vppbs.slice(req.start_vppb, req.start_vppb + req.vppb_list_limit).map((b) => ({
        binding_status: b.status,
        bound_port_id: b.status === VPPB_UNBOUND ? 0 : b.port,
        bound_ld_id: b.status === VPPB_BOUND_LD ? b.ld & 0xff : 0xff,
      }));
      return { vcs_id: id, vcs_state: 1, usp_id: v.uspPort, num_vppbs: v.vppbs.length, vppbs };
    });
    return { num_vcs: list.length, vcs_info_list: list };
  });

  const vppb = (vcsId: number, vppbId: number): Vppb => {
    const v = sw.vcs[vcsId];
    if (!v) bad(`no VCS ${vcsId}`);
    const b = v.vppbs[vppbId];
    if (!b) bad(`VCS ${vcsId} has no vPPB ${vppbId}`);
    if (b.status === VPPB_IN_PROGRESS) bad(`vPPB ${vppbId} is changing`);
    return b;
  };

  sw.handle(bindVppb, (req, ctx) => {
    const b = vppb(req.vcs_id, req.vppb_id);
    if (b.status !== VPPB_UNBOUND) bad(`vPPB ${req.vppb_id} is already bound`);
    const port = sw.port(req.port_id);
    if (port.kind !== 'dsp' || !port.device) bad(`port ${req.port_id} has no device to bind`);
    const mld = port.device.connectedType === CONNECTED_TYPE3_MLD;
    if (mld !== (req.ld_id !== BIND_WHOLE_PORT)) {
      bad(mld ? 'an MLD port binds one LD at a time' : 'only an MLD port binds by LD');
    }
    if (mld && req.ld_id >= port.device.ldCount) bad(`port ${req.port_id} has no LD ${req.ld_id}`);
    for (const v of sw.vcs) {
      for (const o of v.vppbs) {
        if (o.status !== VPPB_UNBOUND && o.port === req.port_id && (!mld || o.ld === req.ld_id)) {
          bad(`port ${req.port_id}${mld ? ` LD ${req.ld_id}` : ''} is already bound`);
        }
      }
    }
    const started = ctx.startBackground({
      durationMs: sw.bindDurationMs,
      abortable: false,
      complete: () => {
        b.status = mld ? VPPB_BOUND_LD : VPPB_BOUND_PORT;
        sw.publishBindings();
      },
    });
    b.status = VPPB_IN_PROGRESS;
    b.port = req.port_id;
    b.ld = req.ld_id;
    return started;
  });

  sw.handle(unbindVppb, (req, ctx) => {
    const b = vppb(req.vcs_id, req.vppb_id);
    if (b.status === VPPB_UNBOUND) bad(`vPPB ${req.vppb_id} is not bound`);
    if (req.option > 2) bad(`unbind option ${req.option}`);
    const started = ctx.startBackground({
      durationMs: sw.bindDurationMs,
      abortable: false,
      complete: () => {
        b.status = VPPB_UNBOUND;
        b.port = 0;
        b.ld = BIND_WHOLE_PORT;
        sw.publishBindings();
      },
    });
    b.status = VPPB_IN_PROGRESS;
    return started;
  });
}
