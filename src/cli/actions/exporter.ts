/**
 * Implementation of `cxlmi exporter`: serve Prometheus metrics for the targets until
 * SIGINT/SIGTERM.
 */
import type { Endpoint } from '../../endpoint/endpoint.js';
import { CxlmiUsageError } from '../../errors.js';
import type { PendingTarget } from '../../exporter/poller.js';
import type { Action, Run } from '../program.js';
import { openTargets, parseTarget, timeoutFrom } from '../target.js';

/**
 * A fleet daemon starts whatever it finds: a named device that cannot be opened now is exported as
 * `cxl_up 0` and opened again at each poll (devices hot-plug, mctpd starts late). Only a bad
 * target string, or --emulate failing, stops it; a --scan that fails (mctpd not up yet) is tried
 * again at each poll.
 */
async function openExporterTargets(run: Run, targets: string[]): Promise<(Endpoint | PendingTarget)[]> {
  const parsed = targets.map((t) => ({ t, p: parseTarget(t) }));
  const out: (Endpoint | PendingTarget)[] = [];
  const timeout = run.opts.timeout;
  if (run.opts.emulate) {
    out.push(...(await openTargets(run.ctx, [], { ...run.opts, scan: false }, run.io.emulator)));
  }
  if (run.opts.scan) {
    // mctpd may start after the exporter: a scan that fails or finds nothing is tried again at each
    // poll; once it finds endpoints it is run again every --rescan-interval (the poller follows).
    const timeoutMs = timeoutFrom({ timeout });
    const { mctpScanTarget } = await import('../../exporter/mctp-scan-target.js');
    const scan = mctpScanTarget(run.ctx, timeoutMs === undefined ? {} : { timeoutMs });
    try {
      if ((await scan.open()).length === 0) {
        run.note(
          'cxlmi exporter: mctpd knows no CXL endpoint now, exporting cxl_up 0 and scanning again each poll',
        );
      }
    } catch (e) {
      run.note(
        `cxlmi exporter: cannot scan for MCTP endpoints now, exporting cxl_up 0 and scanning again each poll: ${(e as Error).message}`,
      );
    }
    // The poller's first poll scans again, reusing what this scan opened.
    out.push(scan);
  }
  for (const { t, p } of parsed) {
    // Every endpoint the target names (emu:PATH serves several).
    const open = () => openTargets(run.ctx, [t], { timeout });
    const pending: PendingTarget = { name: t, transport: p.kind, open };
    try {
      out.push(...(await open()));
    } catch (e) {
      run.note(
        `cxlmi exporter: cannot open ${t} now, exporting cxl_up 0 and retrying each poll: ${(e as Error).message}`,
      );
      out.push(pending);
    }
  }
  if (out.length === 0) await openTargets(run.ctx, [], {}); // the "no target" usage error
  return out;
}

/** Seconds (decimals allowed), 0 = never; returned in ms. */
function seconds(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !/^\d+(\.\d+)?$/.test(v)) {
    throw new CxlmiUsageError(`--${name} takes a number of seconds (0 = never)`);
  }
  return Math.round(Number(v) * 1000);
}

function ms(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < 1) {
    throw new CxlmiUsageError(`--${name} takes a positive number of milliseconds`);
  }
  return Number(v);
}

export const runExporter: Action = async (run, targets, o) => {
  const eps = await openExporterTargets(run, targets);
  // Loaded on use: the exporter (prom-client, HTTP server) costs every other command start time.
  const { startExporter } = await import('../../exporter/server.js');
  const exporter = await startExporter(eps, {
    listen: o.listen as string,
    intervalMs: ms('interval', o.interval, 15_000),
    timeoutMs: ms('poll-timeout', o.pollTimeout, 5_000),
    concurrency: ms('concurrency', o.concurrency, 64),
    rescanIntervalMs: seconds('rescan-interval', o.rescanInterval, 30_000),
    log: (m) => run.ctx.log(4, m),
  });
  run.out(`cxlmi exporter: serving ${eps.length} endpoint(s) on http://${exporter.address}/metrics`);
  // Ctrl-C arrives as run.signal (the CLI's shared cancellation); SIGTERM from service managers.
  await new Promise<void>((resolve) => {
    const stop = () => {
      run.signal.removeEventListener('abort', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    if (run.signal.aborted) return resolve();
    run.signal.addEventListener('abort', stop, { once: true });
    process.once('SIGTERM', stop);
  });
  await exporter.close();
  run.out('cxlmi exporter: stopped');
};
