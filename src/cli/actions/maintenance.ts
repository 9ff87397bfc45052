/**
 * Implementation of `cxlmi maintenance ppr|sparing`: Perform Maintenance (0600h, CXL r3.2 §8.2.10.7.1) by hand —
 * Post Package Repair of a DPA, or memory sparing of a DRAM address; `--query` only asks for the
 * resources left. Repairs ask first and show the background operation's progress.
 */

import type { SparingKind } from '../../commands/generic/ras-features.js';
import type { Endpoint } from '../../endpoint/endpoint.js';
import {
  checkPpr,
  checkSparing,
  type DramAddress,
  type MaintenanceResult,
  performPpr,
  performSparing,
  type SparingRequest,
} from '../../endpoint/maintenance.js';
import { waitWithBar } from '../background.js';
import { ADDRESS_OPTIONS } from '../dram-address-options.js';
import { parseNumber } from '../hex.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';
import { parseMultiple } from '../size.js';

async function finish(
  run: Run,
  ep: Endpoint,
  what: string,
  query: boolean,
  start: () => Promise<MaintenanceResult>,
) {
  const r = await start();
  if (r.background) await waitWithBar(run, ep, 'perform_maintenance', what);
  return { operation: what, query, background: r.background, done: true };
}

export const runPpr: Action = async (run, [dpaText, ...targets], o) => {
  const dpa = parseMultiple('<dpa>', String(dpaText), 64n, '64 bytes');
  const nibbleMask =
    o.nibbleMask === undefined ? undefined : parseNumber('--nibble-mask', String(o.nibbleMask), 0xffffff);
  const kind = o.hard ? 'hard' : 'soft';
  const query = Boolean(o.query);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const req = { kind, dpa, nibbleMask, queryResources: query, ...run.call() } as const;
      const what = `${query ? 'resource query for ' : ''}${kind} PPR of DPA 0x${dpa.toString(16)}`;
      await checkPpr(ep, req);
      if (!query) await run.confirm(`${what} on ${run.label(ep)}`);
      return finish(run, ep, what, query, () => performPpr(ep, req));
    },
    (r) => `  ${r.operation}: ${r.query ? 'asked (the answer is a Memory Sparing event record)' : 'done'}`,
    query ? {} : { changes: 'maintenance ppr', sends: 'performMaintenancePpr' },
  );
};

export const runSparing: Action = async (run, [kindText, ...targets], o) => {
  const kind = kindText as SparingKind;
  const address: Partial<DramAddress> = {};
  for (const [key, flag, max] of ADDRESS_OPTIONS) {
    const camel = flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (o[camel] !== undefined) address[key] = parseNumber(`--${flag}`, String(o[camel]), max);
  }
  const query = Boolean(o.query);
  const hard = Boolean(o.hard);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const req = { ...address, kind, hard, queryResources: query, ...run.call() } as SparingRequest;
      const where = Object.entries(address)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const what = `${query ? 'resource query for ' : ''}${hard ? 'hard' : 'soft'} ${kind} sparing of ${where}`;
      await checkSparing(ep, req);
      if (!query) await run.confirm(`${what} on ${run.label(ep)}`);
      return finish(run, ep, what, query, () => performSparing(ep, req));
    },
    (r) => `  ${r.operation}: ${r.query ? 'asked (the answer is a Memory Sparing event record)' : 'done'}`,
    query ? {} : { changes: 'maintenance sparing', sends: 'performMaintenanceSparing' },
  );
};
