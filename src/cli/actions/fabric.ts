/**
 * Implementation of `cxlmi fabric`: the whole topology as a tree — every switch target walked (identity, ports,
 * virtual switches and their bindings) and every memory device target identified — with a progress
 * bar over the endpoints.
 */

import type { Endpoint } from '../../endpoint/endpoint.js';
import type { FabricTopology } from '../../endpoint/fabric.js';
import { CXLMI_COMPONENT_TYPE_SWITCH } from '../../protocol/constants.js';
import { BINDING, DEVICE_TYPE, nameOf, PORT_STATE } from '../fabric-text.js';
import { hex } from '../output.js';
import type { Action } from '../program.js';

/** One endpoint in the tree: a switch walked whole, a device identified, or why it could not be. */
type FabricNode =
  | { endpoint: string; error: string }
  | { endpoint: string; kind: 'device'; identity: Identity }
  | ({ endpoint: string; kind: 'switch'; identity: Identity } & FabricTopology);

type Identity = Awaited<ReturnType<Endpoint['identify']>>;

export const runFabric: Action = async (run, targets) => {
  const opened = await run.openEach(targets);
  const bar = run.progress({ title: 'fabric', total: opened.length, unit: 'count' });
  const nodes: FabricNode[] = [];
  const failures: [string, unknown][] = [];
  try {
    for (const [i, o] of opened.entries()) {
      run.checkCancelled();
      if (!o.ep) {
        failures.push([o.name, o.error]);
        nodes.push({ endpoint: o.name, error: (o.error as Error).message });
        continue;
      }
      try {
        const identity = await o.ep.identify(run.call());
        const node =
          identity.component_type === CXLMI_COMPONENT_TYPE_SWITCH
            ? { endpoint: o.name, kind: 'switch' as const, identity, ...(await o.ep.fabric(run.call())) }
            : { endpoint: o.name, kind: 'device' as const, identity };
        nodes.push(node);
      } catch (e) {
        failures.push([o.name, e]);
        nodes.push({ endpoint: o.name, error: (e as Error).message });
      } finally {
        bar.update(i + 1);
      }
    }
  } finally {
    bar.stop();
  }
  if (run.opts.json) {
    run.out(run.json(nodes));
    for (const [name, e] of failures) run.fail(e, name);
    return;
  }
  const lines: string[] = [];
  for (const n of nodes) {
    if ('error' in n) {
      lines.push(`${n.endpoint}  error: ${n.error}`);
      continue;
    }
    const id = `vendor ${hex(n.identity.vendor_id, 4)} device ${hex(n.identity.device_id, 4)} serial ${hex(n.identity.serial_num, 16)}`;
    lines.push(`${run.style.bold(n.endpoint)}  ${n.kind === 'switch' ? 'switch' : 'memory device'}, ${id}`);
    if (n.kind !== 'switch') continue;
    lines.push('├─ ports');
    n.ports.forEach((p, i) => {
      const last = i === n.ports.length - 1;
      const dev = p.conn_dev_type ? `, ${nameOf(DEVICE_TYPE, p.conn_dev_type)}` : '';
      const lds = p.supported_ld_count ? ` (${p.supported_ld_count} LDs)` : '';
      lines.push(
        `│  ${last ? '└─' : '├─'} port ${p.port_id}: ${nameOf(PORT_STATE, p.config_state_bits.state)}${dev}${lds}, x${p.negotiated_link_width}`,
      );
    });
    lines.push('└─ virtual switches');
    n.vcs.forEach((v, i) => {
      const lastVcs = i === n.vcs.length - 1;
      lines.push(
        `   ${lastVcs ? '└─' : '├─'} VCS ${v.vcs_id}: upstream port ${v.usp_id}, ${v.num_vppbs} vPPBs`,
      );
      v.vppbs.forEach((p, j) => {
        const to =
          p.binding_status === 3
            ? ` → port ${p.bound_port_id} LD ${p.bound_ld_id}`
            : p.binding_status === 2
              ? ` → port ${p.bound_port_id}`
              : '';
        lines.push(
          `   ${lastVcs ? '   ' : '│  '}${j === v.vppbs.length - 1 ? '└─' : '├─'} vPPB ${p.vppb_id}: ${nameOf(BINDING, p.binding_status)}${to}`,
        );
      });
    });
  }
  run.out(lines.join('\n'));
  for (const [name, e] of failures) run.fail(e, name);
};
