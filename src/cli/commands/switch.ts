/** `cxlmi switch identify|ports|vcs|bind|unbind`: FM-API switch commands (CXL r3.1 §7.6.7.1–2). */
import { type Command, Option } from 'commander';
import type { Endpoint } from '../../endpoint/endpoint.js';
import { bitmaskIds } from '../../endpoint/fabric.js';
import { runAndWait } from '../background.js';
import { BINDING, DEVICE_TYPE, idList, nameOf, PORT_STATE, VCS_STATE } from '../fabric-text.js';
import { examples } from '../help.js';
import { parseNumber } from '../hex.js';
import { table } from '../output.js';
import type { Wrap } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

const TARGETS = ['[targets...]', 'the switch: mctp:NET,EID (or --emulate=fabric)'] as const;
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

export function registerSwitch(program: Command, wrap: Wrap): void {
  const sw = program
    .command('switch')
    .description('CXL switch (FM-API): identity, ports, virtual switches, binding');
  examples(sw, 'cxlmi --emulate=fabric switch ports', 'cxlmi switch bind 0 2 3 emu:fabric.sock#switch0');

  examples(
    sw
      .command('identify')
      .description('Identify Switch Device: ports, virtual switches, vPPBs, decoders')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric switch identify',
    'cxlmi switch identify emu:fabric.sock#switch0 --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(run, targets, (ep) => ep.identifySwitchDevice(run.call()), {
        format: {
          active_port_bitmask: (m: Uint8Array) => idList(m),
          active_vcs_bitmask: (m: Uint8Array) => idList(m),
        },
      });
    }),
  );

  examples(
    sw
      .command('ports')
      .description('state of the physical ports: role, connected device, link')
      .argument(...TARGETS)
      .option('--ports <list>', 'only these ports, comma-separated (1,2,5)'),
    'cxlmi --emulate=fabric switch ports',
    'cxlmi switch ports emu:fabric.sock#switch0 --ports 1,2 --json',
  ).action(
    wrap(async (run, targets, o) => {
      const only = (o.ports as string | undefined)
        ?.split(',')
        .map((p) => parseNumber('--ports', p.trim(), 0xff));
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
    }),
  );

  examples(
    sw
      .command('vcs')
      .description('virtual CXL switches and what each vPPB is bound to')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric switch vcs',
    'cxlmi switch vcs emu:fabric.sock#switch0 --json',
  ).action(
    wrap(async (run, targets) => {
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
    }),
  );

  examples(
    sw
      .command('bind')
      .description('bind a vPPB of a virtual switch to a downstream port (or one LD of an MLD there)')
      .argument('<vcs>', 'virtual switch id')
      .argument('<vppb>', 'vPPB id within it')
      .argument('<port>', 'physical downstream port')
      .argument(...TARGETS)
      .option('--ld-id <n>', 'bind this LD of the MLD on the port (default: the port itself)'),
    'cxlmi --emulate=fabric switch bind 0 2 2 --ld-id 1',
    'cxlmi switch bind 0 3 2 emu:fabric.sock#switch0 --ld-id 1',
  ).action(
    wrap(async (run, [vcsText, vppbText, portText, ...targets], o) => {
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
    }),
  );

  examples(
    sw
      .command('unbind')
      .description('unbind a vPPB: the host loses what was bound there (asks first)')
      .argument('<vcs>', 'virtual switch id')
      .argument('<vppb>', 'vPPB id within it')
      .argument(...TARGETS)
      .addOption(
        new Option('--mode <how>', 'wait for link down, managed or surprise hot-remove')
          .choices(Object.keys(UNBIND))
          .default('managed'),
      ),
    'cxlmi --emulate=fabric switch unbind 0 1 --yes',
    'cxlmi switch unbind 0 1 emu:fabric.sock#switch0 --mode wait',
  ).action(
    wrap(async (run, [vcsText, vppbText, ...targets], o) => {
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
            ...(await runAndWait(run, ep, 'fmapi_unbind_vppb', 'unbind', () =>
              ep.unbindVppb(req, run.call()),
            )),
          };
        },
        {},
        { changes: 'switch unbind', sends: 'unbindVppb' },
      );
    }),
  );
}
