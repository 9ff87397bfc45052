/** `cxlmi qos show|set|status`: SLD QoS Telemetry (CXL r3.1 §8.2.9.9.7). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import { parseNumber } from '../hex.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerQos(program: Command, wrap: Wrap): void {
  const qos = program.command('qos').description('QoS telemetry of a single logical device');
  examples(qos, 'cxlmi --emulate qos show', 'cxlmi qos set mem0 --moderate 10 --severe 25');

  examples(
    qos
      .command('show', { isDefault: true })
      .description('QoS telemetry control settings')
      .argument(...TARGETS),
    'cxlmi --emulate qos show',
    'cxlmi qos show mem0 --json',
  ).action(
    wrap(
      async (run, targets) => void (await perEndpoint(run, targets, (ep) => ep.getSldQosControl(run.call()))),
    ),
  );

  examples(
    qos
      .command('status')
      .description('average backpressure (percent)')
      .argument(...TARGETS),
    'cxlmi --emulate qos status',
    'cxlmi qos status mem0 --json',
  ).action(
    wrap(
      async (run, targets) => void (await perEndpoint(run, targets, (ep) => ep.getSldQosStatus(run.call()))),
    ),
  );

  examples(
    qos
      .command('set')
      .description('change QoS telemetry settings (the ones not given stay as they are)')
      .argument(...TARGETS)
      .option(
        '--control <n>',
        'QoS telemetry control byte (bit 0 egress port congestion, bit 1 temporary throughput reduction)',
      )
      .option('--moderate <percent>', 'egress moderate percentage')
      .option('--severe <percent>', 'egress severe percentage')
      .option('--interval <n>', 'backpressure sample interval'),
    'cxlmi --emulate qos set --moderate 10 --severe 25',
    'cxlmi qos set mem0 --control 1 --interval 8',
  ).action(
    wrap(async (run, targets, o) => {
      const pick = (name: string, v: unknown, current: number, max: number) =>
        v === undefined ? current : parseNumber(name, String(v), max);
      await perEndpoint(run, targets, async (ep) => {
        const cur = await ep.getSldQosControl(run.call());
        await ep.setSldQosControl(
          {
            qos_telemetry_control: pick('--control', o.control, cur.qos_telemetry_control, 0xff),
            egress_moderate_percentage: pick('--moderate', o.moderate, cur.egress_moderate_percentage, 100),
            egress_severe_percentage: pick('--severe', o.severe, cur.egress_severe_percentage, 100),
            backpressure_sample_interval: pick(
              '--interval',
              o.interval,
              cur.backpressure_sample_interval,
              0xff,
            ),
          },
          run.call(),
        );
        return ep.getSldQosControl(run.call());
      });
    }),
  );
}
