/** `cxlmi logs list|get|cel`: the Logs command set (CXL r3.1 §8.2.9.5). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

/** The CLI's short names of the logs the spec names (their UUIDs: actions/logs.ts). */
export const LOG_NAMES = [
  'cel',
  'vendor-debug',
  'component-state-dump',
  'ddr5-ecs',
  'media-test-capability',
  'media-test-results-short',
  'media-test-results-long',
] as const;

export function registerLogs(program: Command, wrap: Wrap): void {
  const logs = program.command('logs').description('device logs: list, read, Command Effects Log');
  examples(logs, 'cxlmi --emulate logs list', 'cxlmi logs get cel emu:lab.sock -o cel.bin');

  examples(
    logs
      .command('list')
      .description('the logs the device supports and their sizes')
      .argument(...TARGETS),
    'cxlmi --emulate logs list',
    'cxlmi logs list emu:lab.sock --json',
  ).action(wrap(() => import('../actions/logs.js').then((m) => m.runList)));

  examples(
    logs
      .command('get')
      .description('read a whole log (in pieces, with a progress bar); hex dump, or raw bytes to a file')
      .argument('<log>', `log UUID or name: ${LOG_NAMES.join(', ')}`)
      .argument(...TARGETS)
      .option('-o, --output <file>', 'write the log to this file'),
    'cxlmi --emulate logs get cel',
    'cxlmi logs get vendor-debug emu:lab.sock -o debug.bin',
  ).action(wrap(() => import('../actions/logs.js').then((m) => m.runGet)));

  examples(
    logs
      .command('cel')
      .description('the Command Effects Log: every command the device takes')
      .argument(...TARGETS),
    'cxlmi --emulate logs cel',
    'cxlmi logs cel emu:lab.sock --json | jq ".[].opcode"',
  ).action(wrap(() => import('../actions/logs.js').then((m) => m.runCel)));
}
