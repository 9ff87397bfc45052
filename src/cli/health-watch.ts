/**
 * `cxlmi health --watch`: polls every target's health and shows it as a live table on a terminal
 * (redrawn in place), as a fresh table per round elsewhere, or with --json as one line per change
 * (an endpoint's values differ from what it last reported). Ctrl-C ends it normally.
 */
import { deviceTemperature, lifeUsed, mediaStatusName } from '../commands/memdev/health-status.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { mapSettled } from '../endpoint/fleet.js';
import { CxlmiCommandError, CxlmiUsageError } from '../errors.js';
import { CXLMI_RET_UNSUPPORTED } from '../protocol/retcodes.js';
import { table, toJson } from './output.js';
import type { Run } from './run.js';

export interface WatchOptions {
  intervalMs: number;
  /** Stop after this many rounds (default: until Ctrl-C). */
  count?: number;
}

export function parseWatchOptions(o: Record<string, unknown>): WatchOptions {
  const num = (name: string, v: unknown, min: number) => {
    if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < min) {
      throw new CxlmiUsageError(`--${name} takes a whole number of at least ${min}`);
    }
    return Number(v);
  };
  return {
    intervalMs: o.interval === undefined ? 2000 : num('interval', o.interval, 100),
    count: o.count === undefined ? undefined : num('count', o.count, 1),
  };
}

type HealthInfo = Awaited<ReturnType<Endpoint['getHealthInfo']>>;

function isUnsupported(r: { ok: boolean; error?: unknown }): boolean {
  return !r.ok && r.error instanceof CxlmiCommandError && r.error.retcode === CXLMI_RET_UNSUPPORTED;
}

function row(name: string, h: HealthInfo | undefined, error: unknown): string[] {
  if (!h) return [name, `error: ${(error as Error)?.message ?? String(error)}`, '', '', '', '', ''];
  const flags = Object.entries(h.health_status_bits)
    .filter(([, on]) => on)
    .map(([k]) => k.replace(/_/g, ' '));
  return [
    name,
    flags.length ? flags.join(', ') : 'ok',
    mediaStatusName(h.media_status),
    lifeUsed(h) === undefined ? '-' : `${h.life_used}%`,
    deviceTemperature(h) === undefined ? '-' : `${h.device_temperature} °C`,
    String(h.dirty_shutdown_count),
    `${h.corrected_volatile_error_count} / ${h.corrected_persistent_error_count}`,
  ];
}

const HEAD = ['ENDPOINT', 'HEALTH', 'MEDIA', 'LIFE USED', 'TEMP', 'DIRTY SHUTDOWNS', 'CORRECTED V / P'];

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function watchHealth(run: Run, all: Endpoint[], w: WatchOptions): Promise<void> {
  const live = Boolean(run.io.stdoutTty) && !run.opts.json;
  let eps = all;
  const last = new Map<Endpoint, string>();
  let drawnLines = 0;
  // The live table says "Ctrl-C to stop" itself; a change log (--json) or a piped table may be
  // silent for long, so a person at the terminal is told it is waiting.
  if (w.count === undefined) {
    const what = `watching the health of ${all.length === 1 ? all[0].description : `${all.length} endpoints`} every ${w.intervalMs} ms${run.opts.json ? ', a line per change' : ''}`;
    run.untilCtrlC(live ? undefined : what);
  }
  for (let round = 0; w.count === undefined || round < w.count; round++) {
    if (run.signal.aborted) break;
    let results = await mapSettled(eps, (ep) => ep.getHealthInfo(run.call()), { concurrency: 64 });
    if (round === 0 && eps.length > 1) {
      // Components without health (a switch) are left out, as the one-shot command does.
      const keep = results.filter((r) => !isUnsupported(r));
      if (keep.length > 0 && keep.length < results.length) {
        for (const r of results)
          if (isUnsupported(r)) run.note(`${r.item.description}: no health information (Unsupported)`);
        results = keep;
        eps = keep.map((r) => r.item);
      }
    }
    const time = new Date().toISOString();
    if (run.opts.json) {
      for (const r of results) {
        const entry = r.ok
          ? { endpoint: r.item.description, ...r.value }
          : { endpoint: r.item.description, error: (r.error as Error)?.message ?? String(r.error) };
        const key = toJson(entry, 0);
        if (last.get(r.item) === key) continue;
        last.set(r.item, key);
        run.out(run.json({ time, ...entry }, 0));
      }
    } else {
      const rows = results.map((r) =>
        row(r.item.description, r.ok ? r.value : undefined, r.ok ? undefined : r.error),
      );
      const status = run.style.dim(`updated ${time} · every ${w.intervalMs} ms · Ctrl-C to stop`);
      const text = `${table(HEAD, rows)}\n${status}`;
      // On a terminal, move up over the previous table and redraw it in place.
      if (live && drawnLines > 0) run.io.stdout(`\x1b[${drawnLines}F\x1b[J`);
      run.out(text);
      drawnLines = text.split('\n').length;
    }
    if (w.count !== undefined && round + 1 >= w.count) break;
    await sleep(w.intervalMs, run.signal);
  }
}
