/**
 * Implementation of `cxlmi switch identify|ports|vcs|bind|unbind`: FM-API switch commands (CXL
 * r3.1 §7.6.7.1–2).
 */

import type { Endpoint } from '../../endpoint/endpoint.js';
import { bitmaskIds } from '../../endpoint/fabric.js';
import { runAndWait } from '../background.js';
import { BINDING, DEVICE_TYPE, idList, nameOf, PORT_STATE, VCS_STATE } from '../fabric-text.js';
import { parseNumber } from '../hex.js';
import { table } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

const UNBIND = { wait: 0, managed: 1, surprise: 2 } as const;

async function ports(run: Run, ep: Endpoint, only?: number[]) {
  const sw = await ep.identifySwitchDevice(run.call());
  const ids = only ?? bitmaskIds(sw.active_port_bitmask);
  const out = [];
  for (let i = 0; i < ids.length; i += 14) {
    const chunk = Uint8Array.from(ids.slice(i, i + 14));
    out.push(...(await ep.getPhysPortState({ num_ports: chunk.length, ports: chunk }, run.call())).ports);
  }
  return out;
}

export const runIdentify: Action = async (run, targets) => {
  await perEndpoint(run, targets, (ep) => ep.identifySwitchDevice(run.call()), {
    format: {
      active_port_bitmask: (m: Uint8Array) => idList(m),
      active_vcs_bitmask: (m: Uint8Array) => idList(m),
    },
  });
};

export const runPorts: Action = async (run, targets, o) => {
  const only = (o.ports as string | undefined)?.split(',').map((p) => parseNumber('--ports', p.trim(), 0xff));
  await perEndpoint(
    run,
    targets,
    (ep) => ports(run, ep, only),
    (list) =>
      table(
        ['PORT', 'STATE', 'DEVICE', 'WIDTH', 'SPEED', 'LDS'],
        list.map((p) => [
          String(p.port_id),
          nameOf(PORT_STATE, p.config_state_bits.state),
          nameOf(DEVICE_TYPE, p.conn_dev_type),
          `x${p.negotiated_link_width}/x${p.max_link_width}`,
          `gen${p.current_link_speed}/gen${p.max_link_speed}`,
          p.supported_ld_count ? String(p.supported_ld_count) : '-',
        ]),
        run.style.enabled,
      ).replace(/^/gm, '  '),
  );
};

export const runVcs: Action = async (run, targets) => {
  await perEndpoint(
    run,
    targets,
    async (ep) => (await ep.fabric(run.call())).vcs,
    (vcs) =>
      vcs
        .map(
          (v) =>
            `  VCS ${v.vcs_id} (${nameOf(VCS_STATE, v.vcs_state)}), upstream port ${v.usp_id}, ${v.num_vppbs} vPPBs\n` +
            table(
              ['VPPB', 'BINDING', 'PORT', 'LD'],
              v.vppbs.map((p) => [
                String(p.vppb_id),
                nameOf(BINDING, p.binding_status),
                p.binding_status >= 2 ? String(p.bound_port_id) : '-',
                p.binding_status === 3 ? String(p.bound_ld_id) : '-',
              ]),
              run.style.enabled,
            ).replace(/^/gm, '    '),
        )
        .join('\n'),
  );
};

export const runBind: Action = async (run, [vcsText, vppbText, portText, ...targets], o) => {
  const req = {
    vcs_id: parseNumber('vcs', vcsText, 0xff),
    vppb_id: parseNumber('vppb', vppbText, 0xff),
    port_id: parseNumber('port', portText, 0xff),
    ld_id: o.ldId === undefined ? 0xffff : parseNumber('--ld-id', String(o.ldId), 0xfffe),
  };
  await perEndpoint(
    run,
    targets,
    async (ep) => ({
      ...req,
      ...(await runAndWait(run, ep, 'fmapi_bind_vppb', 'bind', () => ep.bindVppb(req, run.call()))),
    }),
    {},
    { changes: 'switch bind', sends: 'bindVppb' },
  );
};

export const runUnbind: Action = async (run, [vcsText, vppbText, ...targets], o) => {
  const req = {
    vcs_id: parseNumber('vcs', vcsText, 0xff),
    vppb_id: parseNumber('vppb', vppbText, 0xff),
    option: UNBIND[o.mode as keyof typeof UNBIND],
  };
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await run.confirm(
        `unbind vPPB ${req.vppb_id} of VCS ${req.vcs_id} on ${run.label(ep)} (${o.mode} hot-remove)`,
      );
      return {
        ...req,
        ...(await runAndWait(run, ep, 'fmapi_unbind_vppb', 'unbind', () => ep.unbindVppb(req, run.call()))),
      };
    },
    {},
    { changes: 'switch unbind', sends: 'unbindVppb' },
  );
};
