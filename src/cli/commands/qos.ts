/** `cxlmi qos show|set|status`: SLD QoS Telemetry (CXL r3.1 §8.2.9.9.7). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { withQosControlOptions } from '../qos-control.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerQos(program: Command, wrap: Wrap): void {
  const qos = program.command('qos').description('QoS telemetry of a single logical device');
  examples(qos, 'cxlmi --emulate qos show', 'cxlmi qos set emu:lab.sock --moderate 10 --severe 25');

  examples(
    qos
      .command('show', { isDefault: true })
      .description('QoS telemetry control settings')
      .argument(...TARGETS),
    'cxlmi --emulate qos show',
    'cxlmi qos show emu:lab.sock --json',
  ).action(wrap(() => import('../actions/qos.js').then((m) => m.runShow)));

  examples(
    qos
      .command('status')
      .description('average backpressure (percent)')
      .argument(...TARGETS),
    'cxlmi --emulate qos status',
    'cxlmi qos status emu:lab.sock --json',
  ).action(wrap(() => import('../actions/qos.js').then((m) => m.runStatus)));

  examples(
    withQosControlOptions(
      qos
        .command('set')
        .description('change QoS telemetry settings (the ones not given stay as they are)')
        .argument(...TARGETS),
    ),
    'cxlmi --emulate qos set --moderate 10 --severe 25',
    'cxlmi qos set emu:lab.sock --control 1 --interval 8',
  ).action(wrap(() => import('../actions/qos.js').then((m) => m.runSet)));
}
