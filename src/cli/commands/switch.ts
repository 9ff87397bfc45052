/** `cxlmi switch identify|ports|vcs|bind|unbind`: FM-API switch commands (CXL r3.1 §7.6.7.1–2). */
import { type Command, Option } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'the switch: mctp:NET,EID (or --emulate=fabric)'] as const;
const UNBIND = { wait: 0, managed: 1, surprise: 2 } as const;

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
  ).action(wrap(() => import('../actions/switch.js').then((m) => m.runIdentify)));

  examples(
    sw
      .command('ports')
      .description('state of the physical ports: role, connected device, link')
      .argument(...TARGETS)
      .option('--ports <list>', 'only these ports, comma-separated (1,2,5)'),
    'cxlmi --emulate=fabric switch ports',
    'cxlmi switch ports emu:fabric.sock#switch0 --ports 1,2 --json',
  ).action(wrap(() => import('../actions/switch.js').then((m) => m.runPorts)));

  examples(
    sw
      .command('vcs')
      .description('virtual CXL switches and what each vPPB is bound to')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric switch vcs',
    'cxlmi switch vcs emu:fabric.sock#switch0 --json',
  ).action(wrap(() => import('../actions/switch.js').then((m) => m.runVcs)));

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
  ).action(wrap(() => import('../actions/switch.js').then((m) => m.runBind)));

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
  ).action(wrap(() => import('../actions/switch.js').then((m) => m.runUnbind)));
}
