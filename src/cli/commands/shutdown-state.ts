/** `cxlmi shutdown-state [get]|set`: Get/Set Shutdown State (4203h/4204h), CXL r3.1 §8.2.9.9.3.4-5. */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerShutdownState(program: Command, wrap: Wrap): void {
  const group = program
    .command('shutdown-state')
    .description('whether the device will count its next shutdown as dirty');
  examples(group, 'cxlmi --emulate shutdown-state', 'cxlmi shutdown-state set dirty emu:lab.sock --yes');

  examples(
    group
      .command('get', { isDefault: true })
      .description('show the shutdown state (Get Shutdown State)')
      .argument(...TARGETS),
    'cxlmi --emulate shutdown-state get',
    'cxlmi shutdown-state get emu:lab.sock --json',
  ).action(wrap(() => import('../actions/shutdown-state.js').then((m) => m.runGet)));

  examples(
    group
      .command('set')
      .description('mark the shutdown state dirty or clean (asks first)')
      .argument('<state>', 'dirty or clean')
      .argument(...TARGETS),
    'cxlmi --emulate shutdown-state set dirty --yes',
    'cxlmi shutdown-state set clean emu:lab.sock --json --yes',
  ).action(wrap(() => import('../actions/shutdown-state.js').then((m) => m.runSet)));
}
