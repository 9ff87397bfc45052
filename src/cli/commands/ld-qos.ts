/**
 * `cxlmi ld qos [show]|set|bw|set-bw|set-bw-limit`: QoS of an MLD (FM-API Get/Set QoS Control,
 * Status, Allocated BW and BW Limit, 5403h-5409h, CXL r3.1 §7.6.7.4.4-10).
 */
import type { Command } from 'commander';
import type { Endpoint } from '../../endpoint/endpoint.js';
import { examples } from '../help.js';
import { parseNumber } from '../hex.js';
import { bandwidthTable, parseFractions } from '../ld-text.js';
import type { Wrap } from '../program.js';
import { pick, qosControlFrom, withQosControlOptions } from '../qos-control.js';
import { perEndpoint, type Run } from '../run.js';

const TARGETS = ['[targets...]', 'the MLD (or a switch, with --port N)'] as const;

/** Number of LDs of the MLD (Get LD Info). */
async function ldCount(run: Run, ep: Endpoint): Promise<number> {
  return Math.min((await ep.getLdInfo(run.call())).ld_count, 0xff);
}

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
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(run, targets, async (ep) => ({
        control: await ep.getQosControl(run.call()),
        status: await ep.getQosStatus(run.call()),
      }));
    }),
  );

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
  ).action(
    wrap(async (run, targets, o) => {
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          const cur = await ep.getQosControl(run.call());
          return ep.setQosControl(
            {
              ...qosControlFrom(o, cur),
              recmpbasis: pick('--recmpbasis', o.recmpbasis, cur.recmpbasis, 0xffff),
              completion_collection_interval: pick(
                '--completion-interval',
                o.completionInterval,
                cur.completion_collection_interval,
                0xff,
              ),
            },
            run.call(),
          );
        },
        {},
        { changes: 'ld qos set', sends: 'setQosControl' },
      );
    }),
  );

  examples(
    qos
      .command('bw')
      .description('allocated bandwidth and bandwidth limit of each LD (fractions n/256)')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric ld qos bw',
    'cxlmi --port 2 ld qos bw emu:fabric.sock#switch0 --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          const n = { number_ld: await ldCount(run, ep), start_ld_id: 0 };
          return {
            allocated: await ep.getQosAllocatedBw(n, run.call()),
            limit: await ep.getQosBwLimit(n, run.call()),
          };
        },
        (r) =>
          bandwidthTable(
            r.allocated.start_ld_id,
            { allocated: r.allocated.qos_allocation_fraction, limit: r.limit.qos_limit_fraction },
            run.style.enabled,
          ),
      );
    }),
  );

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
  ).action(
    wrap(async (run, [text, ...targets], o) => {
      const qos_allocation_fraction = parseFractions('set-bw', text);
      const start_ld_id = parseNumber('--start-ld', String(o.startLd), 0xff);
      await perEndpoint(
        run,
        targets,
        (ep) =>
          ep.setQosAllocatedBw(
            { number_ld: qos_allocation_fraction.length, start_ld_id, qos_allocation_fraction },
            run.call(),
          ),
        (r) => bandwidthTable(r.start_ld_id, { allocated: r.qos_allocation_fraction }, run.style.enabled),
        { changes: 'ld qos set-bw', sends: 'setQosAllocatedBw' },
      );
    }),
  );

  examples(
    qos
      .command('set-bw-limit')
      .description('set the bandwidth limit of LDs (Set QoS BW Limit)')
      .argument(...FRACTIONS)
      .argument(...TARGETS)
      .option('--start-ld <n>', 'the first LD the list is for', '0'),
    'cxlmi --emulate=fabric ld qos set-bw-limit 128,128,255,255',
    'cxlmi --port 2 ld qos set-bw-limit 75% emu:fabric.sock#switch0 --start-ld 1 --json',
  ).action(
    wrap(async (run, [text, ...targets], o) => {
      const qos_limit_fraction = parseFractions('set-bw-limit', text);
      const start_ld_id = parseNumber('--start-ld', String(o.startLd), 0xff);
      await perEndpoint(
        run,
        targets,
        (ep) =>
          ep.setQosBwLimit(
            { number_ld: qos_limit_fraction.length, start_ld_id, qos_limit_fraction },
            run.call(),
          ),
        (r) => bandwidthTable(r.start_ld_id, { limit: r.qos_limit_fraction }, run.style.enabled),
        { changes: 'ld qos set-bw-limit', sends: 'setQosBwLimit' },
      );
    }),
  );
}
