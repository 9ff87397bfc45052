/**
 * `cxlmi health`: Get Health Info (4200h) and, with --alerts, Get Alert Configuration (4201h);
 * `health alerts set` (4202h) is in health-alerts.ts.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { registerHealthAlerts } from './health-alerts.js';

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
  ).action(wrap(() => import('../actions/health.js').then((m) => m.runHealth)));
}
