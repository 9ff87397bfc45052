/**
 * `cxlmi ld qos [show]|set|bw|set-bw|set-bw-limit`: QoS of an MLD (FM-API Get/Set QoS Control,
 * Status, Allocated BW and BW Limit, 5403h-5409h, CXL r3.1 §7.6.7.4.4-10).
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { withQosControlOptions } from '../qos-control.js';

const TARGETS = ['[targets...]', 'the MLD (or a switch, with --port N)'] as const;

export function registerLdQos(ld: Command, wrap: Wrap): void {
  const qos = ld.command('qos').description('QoS control, status and bandwidth of the MLD');
  examples(qos, 'cxlmi --emulate=fabric ld qos', 'cxlmi --emulate=fabric ld qos set-bw 64,64,64,64');

  examples(
    qos
      .command('show', { isDefault: true })
      .description('QoS control and status of the MLD')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld qos',
    'cxlmi --port 2 ld qos show emu:fabric.sock#switch0 --json',
  ).action(wrap(() => import('../actions/ld-qos.js').then((m) => m.runShow)));

  examples(
    withQosControlOptions(
      qos
        .command('set')
        .description('change QoS control (Set QoS Control); the settings not given stay as they are')
        .argument(...TARGETS),
    )
      .option('--recmpbasis <n>', 'ReqCmpBasis')
      .option('--completion-interval <n>', 'completion collection interval'),
    'cxlmi --emulate=fabric ld qos set --moderate 20 --severe 40',
    'cxlmi --port 2 ld qos set emu:fabric.sock#switch0 --control 3 --json',
  ).action(wrap(() => import('../actions/ld-qos.js').then((m) => m.runSet)));

  examples(
    qos
      .command('bw')
      .description('allocated bandwidth and bandwidth limit of each LD (fractions n/256)')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld qos bw',
    'cxlmi --port 2 ld qos bw emu:fabric.sock#switch0 --json',
  ).action(wrap(() => import('../actions/ld-qos.js').then((m) => m.runBw)));

  const FRACTIONS = ['<fractions>', 'per LD from --start-ld: n (n/256) or P%, comma separated'] as const;

  examples(
    qos
      .command('set-bw')
      .description('set the bandwidth allocated to LDs (Set QoS Allocated BW)')
      .argument(...FRACTIONS)
      .argument(...TARGETS)
      .option('--start-ld <n>', 'the first LD the list is for', '0'),
    'cxlmi --emulate=fabric ld qos set-bw 64,64,64,64',
    'cxlmi --port 2 ld qos set-bw 50%,25% emu:fabric.sock#switch0 --start-ld 2 --json',
  ).action(wrap(() => import('../actions/ld-qos.js').then((m) => m.runSetBw)));

  examples(
    qos
      .command('set-bw-limit')
      .description('set the bandwidth limit of LDs (Set QoS BW Limit)')
      .argument(...FRACTIONS)
      .argument(...TARGETS)
      .option('--start-ld <n>', 'the first LD the list is for', '0'),
    'cxlmi --emulate=fabric ld qos set-bw-limit 128,128,255,255',
    'cxlmi --port 2 ld qos set-bw-limit 75% emu:fabric.sock#switch0 --start-ld 1 --json',
  ).action(wrap(() => import('../actions/ld-qos.js').then((m) => m.runSetBwLimit)));
}
