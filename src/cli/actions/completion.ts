/** Implementation of `cxlmi completion bash|zsh`: prints a shell completion script. */

import { CxlmiUsageError } from '../../errors.js';
import { bashCompletion, zshCompletion } from '../completion.js';
import type { Action } from '../program.js';

export const runCompletion: Action = async (run, [shell], _o, cmd) => {
  // the scripts cover the whole program: the root of the command tree
  let program = cmd;
  while (program.parent) program = program.parent;
  if (shell === 'bash') run.out(bashCompletion(program));
  else if (shell === 'zsh') run.out(zshCompletion(program));
  else throw new CxlmiUsageError(`no completion for '${shell}': use bash or zsh`); // commander checks first
};
