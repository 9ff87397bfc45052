/** `cxlmi health alerts set`: Set Alert Configuration (4202h), CXL r3.1 §8.2.9.9.3.3. */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerHealthAlerts(health: Command, wrap: Wrap): void {
  const alerts = health.command('alerts').description('programmable warning thresholds');
  examples(alerts, 'cxlmi --emulate health alerts set --life-used 80', 'cxlmi health emu:lab.sock --alerts');

  examples(
    alerts
      .command('set')
      .description(
        'enable (with a threshold) or disable programmable warnings; the ones not given stay as they are',
      )
      .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID')
      .option('--life-used <percent|off>', 'life used warning threshold (percent)')
      .option('--over-temperature <celsius|off>', 'device over-temperature warning threshold')
      .option('--under-temperature <celsius|off>', 'device under-temperature warning threshold')
      .option('--volatile-errors <count|off>', 'corrected volatile memory error warning threshold')
      .option('--persistent-errors <count|off>', 'corrected persistent memory error warning threshold'),
    'cxlmi --emulate health alerts set --life-used 80 --over-temperature 70',
    'cxlmi health alerts set emu:lab.sock --under-temperature off --json',
  ).action(wrap(() => import('../actions/health-alerts.js').then((m) => m.runSet)));
}
