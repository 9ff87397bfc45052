/** `cxlmi shutdown-state [get]|set`: Get/Set Shutdown State (4203h/4204h), CXL r3.1 §8.2.9.9.3.4-5. */
import type { Command } from 'commander';
import { CxlmiUsageError } from '../../errors.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;
const asText = (r: { state_bits: { dirty: boolean } }) =>
  `  state  ${r.state_bits.dirty ? 'dirty' : 'clean'}`;

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
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(run, targets, (ep) => ep.getShutdownState(run.call()), asText);
    }),
  );

  examples(
    group
      .command('set')
      .description('mark the shutdown state dirty or clean (asks first)')
      .argument('<state>', 'dirty or clean')
      .argument(...TARGETS),
    'cxlmi --emulate shutdown-state set dirty --yes',
    'cxlmi shutdown-state set clean emu:lab.sock --json --yes',
  ).action(
    wrap(async (run, [state, ...targets]) => {
      if (state !== 'dirty' && state !== 'clean') {
        throw new CxlmiUsageError(`the shutdown state is 'dirty' or 'clean', not '${state}'`);
      }
      const dirty = state === 'dirty';
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await ep.getShutdownState(run.call()); // supported at all? (ask only where it can be done)
          await run.confirm(
            `mark the shutdown state of ${run.label(ep)} ${state}` +
              (dirty ? ' (the next shutdown then counts as dirty)' : ''),
          );
          await ep.setShutdownState({ state: dirty ? 1 : 0 }, run.call());
          return ep.getShutdownState(run.call());
        },
        asText,
        { changes: 'shutdown-state set', sends: 'setShutdownState' },
      );
    }),
  );
}
