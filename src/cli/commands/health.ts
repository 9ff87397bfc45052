/**
 * `cxlmi health`: Get Health Info (4200h) and, with --alerts, Get Alert Configuration (4201h);
 * `health alerts set` (4202h) is in health-alerts.ts.
 */
import type { Command } from 'commander';
import { deviceTemperature, lifeUsed } from '../../commands/memdev/health-status.js';
import { CxlmiUsageError } from '../../errors.js';
import { mediaStatusName } from '../../names.js';
import { parseWatchOptions, watchHealth } from '../health-watch.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';
import { registerHealthAlerts } from './health-alerts.js';

const HINTS = {
  format: {
    media_status: (v: number) => `${v} (${mediaStatusName(v)})`,
    life_used: (v: number) => (lifeUsed({ life_used: v }) === undefined ? 'not implemented' : `${v}%`),
    device_temperature: (v: number) =>
      deviceTemperature({ device_temperature: v }) === undefined ? 'not implemented' : `${v} °C`,
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
      .option(
        '-w, --watch',
        'keep polling until Ctrl-C (which ends it with exit 0): a live table, or with --json one line per change',
      )
      .option('--interval <ms>', 'with --watch: time between polls (default 2000)')
      .option('--count <n>', 'with --watch: stop after this many polls'),
    'cxlmi --emulate health',
    'cxlmi health emu:lab.sock --alerts --json',
    'cxlmi health emu:lab.sock --watch --interval 5000   # until Ctrl-C',
    'cxlmi health alerts set emu:lab.sock --life-used 80 --over-temperature 70',
  ).action(
    wrap(async (run, targets, o) => {
      // An option that would change nothing is a mistake worth saying, not something to ignore.
      for (const name of ['interval', 'count'] as const) {
        if (o[name] !== undefined && !o.watch)
          throw new CxlmiUsageError(`--${name} only applies with --watch (health --watch --${name} …)`);
      }
      if (o.alerts && o.watch) throw new CxlmiUsageError('--alerts has no effect with --watch');
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
