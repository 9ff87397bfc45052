/** `cxlmi exporter`: serve Prometheus metrics for the targets until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import { CxlmiUsageError } from '../../errors.js';
import { DEFAULT_LISTEN, startExporter } from '../../exporter/server.js';
import { exampleLines } from '../help.js';
import type { Action } from '../program.js';

function ms(name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !/^\d+$/.test(v) || Number(v) < 1) {
    throw new CxlmiUsageError(`--${name} takes a positive number of milliseconds`);
  }
  return Number(v);
}

export function registerExporter(
  program: Command,
  wrap: (a: Action) => (...args: any[]) => Promise<void>,
): void {
  program
    .command('exporter')
    .description('serve Prometheus metrics (health, errors, identity) for every target at /metrics')
    .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID (or --emulate / --scan)')
    .option('--listen <host:port>', 'address to serve on (loopback by default)', DEFAULT_LISTEN)
    .option('--interval <ms>', 'how often to poll the devices', '15000')
    .option('--poll-timeout <ms>', "deadline for one endpoint's poll", '5000')
    .option('--concurrency <n>', 'endpoints polled at once', '64')
    .addHelpText(
      'after',
      `\nExamples:\n${exampleLines([
        'cxlmi exporter --emulate --listen 127.0.0.1:19864   # until Ctrl-C',
        'cxlmi exporter emu:lab.sock --listen 127.0.0.1:19865   # until Ctrl-C',
      ])
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    )
    .action(
      wrap(async (run, targets, o) => {
        const eps = await run.endpoints(targets);
        const exporter = await startExporter(eps, {
          listen: o.listen as string,
          intervalMs: ms('interval', o.interval, 15_000),
          timeoutMs: ms('poll-timeout', o.pollTimeout, 5_000),
          concurrency: ms('concurrency', o.concurrency, 64),
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
      }),
    );
}
