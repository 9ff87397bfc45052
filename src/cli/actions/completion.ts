/**
 * Implementation of `cxlmi completion bash|zsh`: the shell completion script, generated from the
 * program's command tree (completion.ts). Runs without a device context (`print` in program.ts):
 * shells that source it at start-up pay only for the CLI's registration.
 */
import { CxlmiUsageError } from '../../errors.js';
import { bashCompletion, zshCompletion } from '../completion.js';
import type { TextAction } from '../program.js';

export const completionScript: TextAction = ([shell], cmd) => {
  // the scripts cover the whole program: the root of the command tree
  let program = cmd;
  while (program.parent) program = program.parent;
  if (shell === 'bash') return bashCompletion(program);
  if (shell === 'zsh') return zshCompletion(program);
  throw new CxlmiUsageError(`no completion for '${shell}': use bash or zsh`); // commander checks first
};
