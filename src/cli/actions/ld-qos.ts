/** What `cxlmi` runs for the subcommands registered in commands/ld-qos.ts. */

import type { Endpoint } from '../../endpoint/endpoint.js';
import { parseNumber } from '../hex.js';
import { bandwidthTable, parseFractions } from '../ld-text.js';
import type { Action } from '../program.js';
import { pick, qosControlFrom } from '../qos-control.js';
import { perEndpoint, type Run } from '../run.js';

/** Number of LDs of the MLD (Get LD Info). */
async function ldCount(run: Run, ep: Endpoint): Promise<number> {
  return Math.min((await ep.getLdInfo(run.call())).ld_count, 0xff);
}

export const runShow: Action = async (run, targets) => {
  await perEndpoint(run, targets, async (ep) => ({
    control: await ep.getQosControl(run.call()),
    status: await ep.getQosStatus(run.call()),
  }));
};

export const runSet: Action = async (run, targets, o) => {
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
};

export const runBw: Action = async (run, targets) => {
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
};

export const runSetBw: Action = async (run, [text, ...targets], o) => {
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
};

export const runSetBwLimit: Action = async (run, [text, ...targets], o) => {
  const qos_limit_fraction = parseFractions('set-bw-limit', text);
  const start_ld_id = parseNumber('--start-ld', String(o.startLd), 0xff);
  await perEndpoint(
    run,
    targets,
    (ep) =>
      ep.setQosBwLimit({ number_ld: qos_limit_fraction.length, start_ld_id, qos_limit_fraction }, run.call()),
    (r) => bandwidthTable(r.start_ld_id, { limit: r.qos_limit_fraction }, run.style.enabled),
    { changes: 'ld qos set-bw-limit', sends: 'setQosBwLimit' },
  );
};
