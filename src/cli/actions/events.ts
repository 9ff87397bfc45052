/** Implementation of `cxlmi events list|clear|follow`: the Events command set (CXL r3.1 §8.2.9.2). */

import { setTimeout as sleep } from 'node:timers/promises';
import type { Endpoint } from '../../endpoint/endpoint.js';
import { CxlmiCommandError, CxlmiUsageError } from '../../errors.js';
import { CXLMI_RET_INPUT, CXLMI_RET_UNSUPPORTED } from '../../protocol/retcodes.js';
import { EVENT_LOGS, type EventLogName, RECORD_HEAD, type RecordLike, recordRow } from '../events-text.js';
import { parseNumber } from '../hex.js';
import { table } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';

function logsOf(name: string): EventLogName[] {
  return name === 'all' ? [...EVENT_LOGS] : [name as EventLogName];
}

/** A log the device does not keep answers Invalid Input or Unsupported: skip it, do not fail. */
function missingLog(e: unknown): boolean {
  return (
    e instanceof CxlmiCommandError && (e.retcode === CXLMI_RET_INPUT || e.retcode === CXLMI_RET_UNSUPPORTED)
  );
}

async function readLogs(run: Run, ep: Endpoint, logs: EventLogName[]) {
  const out = [];
  for (const name of logs) {
    const event_log = EVENT_LOGS.indexOf(name);
    try {
      out.push({ event_log, log_name: name, ...(await ep.getEventRecords({ event_log }, run.call())) });
    } catch (e) {
      if (!missingLog(e)) throw e;
    }
  }
  return out;
}

/**
 * Clears every record of a log: Clear All Events when the log has overflowed (the only time the
 * spec allows it), otherwise the handles each Get Event Records returns, oldest first.
 */
async function drain(run: Run, ep: Endpoint, event_log: number): Promise<number> {
  let n = 0;
  for (let round = 0; round < 4096; round++) {
    run.checkCancelled();
    const got = await ep.getEventRecords({ event_log }, run.call());
    if (got.flags_bits.overflow) {
      await ep.clearEventRecords({ event_log, clear_flags: 1, nr_recs: 0, handles: [] }, run.call());
      return n + got.record_count;
    }
    if (got.records.length === 0) return n;
    const handles = got.records.map((r) => r.handle);
    await ep.clearEventRecords({ event_log, clear_flags: 0, nr_recs: handles.length, handles }, run.call());
    n += handles.length;
  }
  return n;
}

async function follow(run: Run, targets: string[], o: Record<string, unknown>): Promise<void> {
  const interval = parseNumber('--interval', String(o.interval), 3_600_000);
  const logs = logsOf(String(o.log));
  const opened = (await run.openEach(targets)).filter((x) => {
    if (!x.ep) run.fail(x.error, x.name);
    return x.ep !== undefined;
  });
  const seen = new Map<string, Set<string>>();
  run.untilCtrlC(
    `waiting for new event records from ${opened.length === 1 ? opened[0].name : `${opened.length} endpoints`} (every ${interval} ms)`,
  );
  while (!run.signal.aborted) {
    for (const { name, ep } of opened) {
      if (run.signal.aborted || !ep) break;
      for (const l of await readLogs(run, ep, logs)) {
        const key = `${name}/${l.log_name}`;
        const known = seen.get(key) ?? new Set<string>();
        seen.set(key, known);
        const fresh = (l.records as unknown as RecordLike[]).filter(
          (r) => !known.has(`${r.handle}@${r.timestamp}`),
        );
        for (const r of fresh) {
          known.add(`${r.handle}@${r.timestamp}`);
          if (run.opts.json)
            run.out(run.json({ endpoint: name, event_log: l.event_log, log_name: l.log_name, record: r }, 0));
          else run.out([name, ...recordRow(l.log_name, r)].join('  '));
        }
        if (o.clear && fresh.length) {
          const handles = fresh.map((r) => r.handle);
          await ep.clearEventRecords(
            { event_log: l.event_log, clear_flags: 0, nr_recs: handles.length, handles },
            run.call(),
          );
          known.clear();
        }
      }
    }
    await sleep(interval, undefined, { signal: run.signal }).catch(() => undefined);
  }
}

export const runList: Action = async (run, targets, o) => {
  await perEndpoint(
    run,
    targets,
    (ep) => readLogs(run, ep, logsOf(String(o.log))),
    (logs) => {
      const rows = logs.flatMap((l) =>
        (l.records as unknown as RecordLike[]).map((r) => recordRow(l.log_name, r)),
      );
      const notes = logs
        .filter((l) => l.flags_bits.more_records || l.flags_bits.overflow)
        .map(
          (l) =>
            `  ${l.log_name}: ${l.flags_bits.more_records ? 'more records than shown (clear these to see them)' : ''}${l.flags_bits.overflow ? ` overflowed, ${l.overflow_err_count} lost` : ''}`,
        );
      if (rows.length === 0) return ['  no event records', ...notes].join('\n');
      return [table(RECORD_HEAD, rows, run.style.enabled).replace(/^/gm, '  '), ...notes].join('\n');
    },
  );
};

export const runClear: Action = async (run, targets, o) => {
  const handles = ((o.handle as string[] | undefined) ?? []).map((h) => parseNumber('handle', h, 0xffff));
  if (!o.all && handles.length === 0) throw new CxlmiUsageError('say which records: --handle N... or --all');
  if (o.all && handles.length) throw new CxlmiUsageError('--handle and --all do not go together');
  const logs = logsOf(String(o.log));
  if (handles.length && logs.length > 1) throw new CxlmiUsageError('--handle needs one --log');
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      if (!o.all) {
        const event_log = EVENT_LOGS.indexOf(logs[0]);
        await ep.clearEventRecords(
          { event_log, clear_flags: 0, nr_recs: handles.length, handles },
          run.call(),
        );
        return { cleared: { [logs[0]]: handles.length } };
      }
      const cleared: Record<string, number> = {};
      for (const l of await readLogs(run, ep, logs)) cleared[l.log_name] = await drain(run, ep, l.event_log);
      return { cleared };
    },
    (r) =>
      Object.entries(r.cleared)
        .map(([log, n]) => `  ${log}: ${n} record${n === 1 ? '' : 's'} cleared`)
        .join('\n'),
    { changes: 'events clear', sends: 'clearEventRecords' },
  );
};

export const runFollow: Action = (run, targets, o) => follow(run, targets, o);
