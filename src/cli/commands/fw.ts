/** `cxlmi fw info|update|activate`: the Firmware Update command set (CXL r3.1 §8.2.9.3). */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerFw(program: Command, wrap: Wrap): void {
  const fw = program.command('fw').description('firmware: slots and revisions, update, activate');
  examples(
    fw,
    'cxlmi --emulate fw info',
    'cxlmi fw update image.bin --slot 2 emu:lab.sock',
    'cxlmi fw activate 2 emu:lab.sock --on-reset',
    'cxlmi emulate --reset emu:lab.sock   # a power cycle: slot 2 becomes active',
    'cxlmi fw info emu:lab.sock',
  );

  examples(
    fw
      .command('info')
      .description('firmware slots, active and staged slot, revisions')
      .argument(...TARGETS),
    'cxlmi --emulate fw info',
    'cxlmi fw info emu:lab.sock --json',
  ).action(wrap(() => import('../actions/fw.js').then((m) => m.runInfo)));

  examples(
    fw
      .command('update')
      .description('transfer a firmware package to a slot (with a progress bar; Ctrl-C aborts cleanly)')
      .argument('<file>', 'firmware package')
      .argument(...TARGETS)
      .option('--slot <n>', 'slot to store it in (default: the next slot after the active one)')
      .option('--activate', 'activate it afterwards (online when the device can, else on the next reset)'),
    'cxlmi --emulate fw update image.bin',
    'cxlmi fw update image.bin emu:lab.sock --slot 2 --activate --yes',
  ).action(wrap(() => import('../actions/fw.js').then((m) => m.runUpdate)));

  examples(
    fw
      .command('activate')
      .description('activate the firmware in a slot (asks first)')
      .argument('<slot>', 'slot 1-4')
      .argument(...TARGETS)
      .option('--on-reset', 'activate on the next reset instead of now'),
    'cxlmi fw update image.bin emu:lab.sock --slot 2',
    'cxlmi fw activate 2 emu:lab.sock --yes',
    'cxlmi fw update image.bin emu:lab.sock --slot 3',
    'cxlmi fw activate 3 emu:lab.sock --on-reset',
  ).action(wrap(() => import('../actions/fw.js').then((m) => m.runActivate)));
}
