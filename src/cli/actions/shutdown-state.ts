/** What `cxlmi` runs for the subcommands registered in commands/shutdown-state.ts. */

import { CxlmiUsageError } from '../../errors.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

const asText = (r: { state_bits: { dirty: boolean } }) =>
  `  state  ${r.state_bits.dirty ? 'dirty' : 'clean'}`;

export const runGet: Action = async (run, targets) => {
  await perEndpoint(run, targets, (ep) => ep.getShutdownState(run.call()), asText);
};

export const runSet: Action = async (run, [state, ...targets]) => {
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
};
