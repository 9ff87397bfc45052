/** `cxlmi poison list|inject|clear|scan`: Media and Poison Management (CXL r3.1 §8.2.9.9.4). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerPoison(program: Command, wrap: Wrap): void {
  const poison = program.command('poison').description('poisoned media: list, inject, clear, scan');
  examples(poison, 'cxlmi --emulate poison list', 'cxlmi poison inject 0x40000 emu:lab.sock');

  examples(
    poison
      .command('list')
      .description('the poison list: media errors the device knows of')
      .argument(...TARGETS)
      .option('--start <dpa>', 'first device physical address (64-byte aligned)')
      .option('--length <size>', 'bytes to cover (default: to the end of the device)'),
    'cxlmi --emulate poison list',
    'cxlmi poison list emu:lab.sock --start 0 --length 1G --json',
  ).action(wrap(() => import('../actions/poison.js').then((m) => m.runList)));

  examples(
    poison
      .command('inject')
      .description('poison one 64-byte line (for testing error handling; asks first)')
      .argument('<dpa>', 'device physical address, 64-byte aligned')
      .argument(...TARGETS),
    'cxlmi --emulate poison inject 0x1000 --yes',
    'cxlmi poison inject 0x40000 emu:lab.sock',
  ).action(wrap(() => import('../actions/poison.js').then((m) => m.runInject)));

  examples(
    poison
      .command('clear')
      .description('clear poison at one 64-byte line, writing new data there')
      .argument('<dpa>', 'device physical address, 64-byte aligned')
      .argument(...TARGETS)
      .option('--data <hex>', '64 bytes to write in its place (default zeros)'),
    'cxlmi --emulate poison clear 0x1000',
    'cxlmi poison inject 0x40000 emu:lab.sock --yes',
    'cxlmi poison clear 0x40000 emu:lab.sock --data "$(printf "ff%.0s" {1..64})"',
  ).action(wrap(() => import('../actions/poison.js').then((m) => m.runClear)));

  examples(
    poison
      .command('scan')
      .description(
        'scan media for errors (a background operation, with a progress bar), then list what it found',
      )
      .argument(...TARGETS)
      .option('--start <dpa>', 'first device physical address (64-byte aligned)')
      .option('--length <size>', 'bytes to scan (default: to the end of the device)')
      .option('--no-events', 'do not add the errors found to the event log'),
    'cxlmi --emulate poison scan --length 1G',
    'cxlmi poison scan emu:lab.sock --json',
  ).action(wrap(() => import('../actions/poison.js').then((m) => m.runScan)));
}
