/**
 * `cxlmi health`: Get Health Info (4200h) and, with --alerts, Get Alert Configuration (4201h);
 * `health alerts set` (4202h) is in health-alerts.ts.
 */
import type { Command } from 'commander';
import { parseWatchOptions, watchHealth } from '../health-watch.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';
import { registerHealthAlerts } from './health-alerts.js';

const HINTS = {
  format: {
    life_used: (v: number) => (v === 0xff ? 'not implemented' : `${v}%`),
    device_temperature: (v: number) => (v === 0x7fff || v === -1 ? 'not implemented' : `${v} °C`),
  },
};

export function registerHealth(program: Command, wrap: Wrap): void {
  const health = program.command('health');
  registerHealthAlerts(health, wrap);
  examples(
    health
      .description('health and media status, temperature, life used, error counts')
      .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID')
      .option('--alerts', 'also the alert configuration (thresholds)')
      .option('-w, --watch', 'keep polling: a live table, or with --json one line per change')
      .option('--interval <ms>', 'with --watch: time between polls (default 2000)')
      .option('--count <n>', 'with --watch: stop after this many polls'),
    'cxlmi --emulate health',
    'cxlmi health emu:lab.sock --alerts --json',
    'cxlmi health emu:lab.sock --watch --interval 5000   # until Ctrl-C',
    'cxlmi health alerts set emu:lab.sock --life-used 80 --over-temperature 70',
  ).action(
    wrap(async (run, targets, o) => {
      if (o.watch) {
        const w = parseWatchOptions(o);
        await watchHealth(run, await run.endpoints(targets), w);
        return;
      }
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          const health = await ep.getHealthInfo(run.call());
          return o.alerts ? { ...health, alert_config: await ep.getAlertConfig(run.call()) } : health;
        },
        HINTS,
      );
    }),
  );
}
