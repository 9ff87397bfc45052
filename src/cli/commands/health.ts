/** `cxlmi health`: Get Health Info (4200h) and, with --alerts, Get Alert Configuration (4201h). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';

const HINTS = {
  format: {
    life_used: (v: number) => (v === 0xff ? 'not implemented' : `${v}%`),
    device_temperature: (v: number) => (v === 0x7fff || v === -1 ? 'not implemented' : `${v} °C`),
  },
};

export function registerHealth(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('health')
      .description('health and media status, temperature, life used, error counts')
      .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID')
      .option('--alerts', 'also the alert configuration (thresholds)'),
    'cxlmi --emulate health',
    'cxlmi health mem0 --alerts --json',
  ).action(
    wrap(async (run, targets, o) => {
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
