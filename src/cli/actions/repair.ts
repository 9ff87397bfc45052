/**
 * Implementation of `cxlmi repair`: from the DRAM / General Media event records that ask for maintenance to the
 * matching repair (sPPR/hPPR or the finest memory sparing the device offers), checked against the
 * device's restriction flags, confirmed naming the device and the address, run, reported.
 */

import type { Endpoint } from '../../endpoint/endpoint.js';
import { proposeRepair, type RepairableRecord, runRepair } from '../../endpoint/repair-plan.js';
import { CxlmiCommandError, CxlmiUsageError } from '../../errors.js';
import { CXLMI_RET_INPUT, CXLMI_RET_UNSUPPORTED } from '../../protocol/retcodes.js';
import { waitWithBar } from '../background.js';
import { EVENT_LOGS, type EventLogName } from '../events-text.js';
import { parseNumber } from '../hex.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

interface RepairReport {
  handle: number;
  log: EventLogName;
  feature: string;
  summary: string;
  dpa: bigint;
  unsafe: string[];
  forced: boolean;
  done: 'proposed' | 'repaired';
  background: boolean;
  /** The record was cleared from its log once the repair succeeded. */
  cleared: boolean;
}

async function candidates(run: Run, ep: Endpoint, logs: EventLogName[], handle: number | undefined) {
  const out: { log: EventLogName; record: RepairableRecord }[] = [];
  for (const log of logs) {
    let got: Awaited<ReturnType<Endpoint['getEventRecords']>>;
    try {
      got = await ep.getEventRecords({ event_log: EVENT_LOGS.indexOf(log) }, run.call());
    } catch (e) {
      const missing =
        e instanceof CxlmiCommandError &&
        (e.retcode === CXLMI_RET_INPUT || e.retcode === CXLMI_RET_UNSUPPORTED);
      if (missing) continue;
      throw e;
    }
    for (const r of got.records) {
      const kind = r.event.kind;
      if (handle !== undefined ? r.handle === handle : kind === 'dram' || kind === 'general_media') {
        if (handle === undefined && !r.flags_bits.maintenance_needed) continue;
        out.push({ log, record: r });
      }
    }
  }
  return out;
}

export const runRepairCommand: Action = async (run, targets, o) => {
  const logs: EventLogName[] = o.log === 'all' ? ['warn', 'fail', 'fatal'] : [o.log as EventLogName];
  const handle = o.handle === undefined ? undefined : parseNumber('--handle', String(o.handle), 0xffff);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const found = await candidates(run, ep, logs, handle);
      if (handle !== undefined && found.length === 0)
        throw new CxlmiUsageError(
          `${run.label(ep)} has no event record ${handle} in the ${logs.join(', ')} log`,
        );
      const reports: RepairReport[] = [];
      for (const { log, record } of found) {
        const p = await proposeRepair(ep, record, {
          hard: Boolean(o.hard),
          sparing: Boolean(o.sparing),
          ...run.call(),
        });
        const report: RepairReport = {
          handle: p.handle,
          log,
          feature: p.feature,
          summary: p.summary,
          dpa: p.dpa,
          unsafe: p.unsafe,
          forced: p.unsafe.length > 0 && Boolean(o.force),
          done: 'proposed',
          background: false,
          cleared: false,
        };
        if (!o.dryRun) {
          if (p.unsafe.length > 0 && !o.force)
            throw new CxlmiUsageError(
              `refusing ${p.summary} on ${run.label(ep)}: ${p.unsafe.join('; ')}. Take the memory out of use, then run again with --force`,
            );
          await run.confirm(
            `${p.summary} on ${run.label(ep)}${p.unsafe.length ? ` although ${p.unsafe.join('; ')}` : ''}`,
          );
          const r = await runRepair(ep, p, { force: Boolean(o.force), wait: false, ...run.call() });
          if (r.background) await waitWithBar(run, ep, 'perform_maintenance', p.summary);
          report.done = 'repaired';
          report.background = r.background;
          // Repaired: the record has been acted on, so the next run does not propose it again.
          await ep.clearEventRecords(
            { event_log: EVENT_LOGS.indexOf(log), clear_flags: 0, nr_recs: 1, handles: [record.handle] },
            run.call(),
          );
          report.cleared = true;
        }
        reports.push(report);
      }
      return { repairs: reports };
    },
    (r) =>
      r.repairs.length === 0
        ? '  no DRAM or General Media event asks for maintenance'
        : r.repairs
            .map(
              (x) =>
                `  event ${x.handle} (${x.log}): ${x.summary}: ${x.done}${x.cleared ? ', record cleared' : ''}` +
                (x.unsafe.length
                  ? `\n    caution: ${x.unsafe.join('; ')}${x.forced ? ' (forced)' : ''}`
                  : ''),
            )
            .join('\n'),
    o.dryRun ? {} : { changes: 'repair', sends: 'performMaintenance' },
  );
};
