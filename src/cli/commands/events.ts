/** `cxlmi events list|clear|follow`: the Events command set (CXL r3.1 §8.2.9.2). */
import { type Command, Option } from 'commander';
import { EVENT_LOGS } from '../event-log-names.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;
const logOption = () =>
  new Option('--log <name>', 'event log: info, warn, fail, fatal, dcd or all')
    .choices([...EVENT_LOGS, 'all'])
    .default('all');

export function registerEvents(program: Command, wrap: Wrap): void {
  const events = program.command('events').description('event logs: list, clear, follow');
  examples(
    events,
    'cxlmi --emulate events list',
    'cxlmi poison inject 0x40000 emu:lab.sock --yes',
    'cxlmi poison scan emu:lab.sock   # finds it and logs a General Media event',
    'cxlmi events list emu:lab.sock',
    'cxlmi events follow emu:lab.sock   # until Ctrl-C',
  );

  examples(
    events
      .command('list')
      .description('the records each event log holds (one Get Event Records per log)')
      .argument(...TARGETS)
      .addOption(logOption()),
    'cxlmi --emulate events list',
    'cxlmi poison inject 0x40000 emu:lab.sock --yes',
    'cxlmi poison scan emu:lab.sock',
    'cxlmi events list emu:lab.sock --log fail --json',
  ).action(wrap(() => import('../actions/events.js').then((m) => m.runList)));

  examples(
    events
      .command('clear')
      .description('clear event records: given handles, or all records of the chosen logs')
      .argument(...TARGETS)
      .addOption(logOption())
      .option('--handle <n...>', 'record handles to clear (one log only)')
      .option('--all', 'clear every record of the chosen logs'),
    'cxlmi --emulate events clear --all',
    'cxlmi poison inject 0x40000 emu:lab.sock --yes',
    'cxlmi poison scan emu:lab.sock',
    'cxlmi events clear emu:lab.sock --log fail --handle 1',
  ).action(wrap(() => import('../actions/events.js').then((m) => m.runClear)));

  examples(
    events
      .command('follow')
      .description(
        'print new event records as they arrive, until Ctrl-C, which ends it with exit 0 (--json: one JSON object per line)',
      )
      .argument(...TARGETS)
      .addOption(logOption())
      .option('--interval <ms>', 'time between polls', '1000')
      .option('--clear', 'clear records once printed, so a full log makes room for new ones'),
    'cxlmi --emulate events follow   # until Ctrl-C',
    'cxlmi poison inject 0x40000 emu:lab.sock --yes',
    'cxlmi poison scan emu:lab.sock',
    'cxlmi events follow emu:lab.sock --clear --json   # until Ctrl-C',
  ).action(wrap(() => import('../actions/events.js').then((m) => m.runFollow)));
}
