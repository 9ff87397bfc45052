/** `cxlmi completion bash|zsh`: prints a shell completion script. */
import { Argument, type Command } from 'commander';
import { CxlmiUsageError } from '../../errors.js';
import { bashCompletion, zshCompletion } from '../completion.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerCompletion(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('completion')
      .description('print a shell completion script (bash or zsh)')
      .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh'])),
    'source <(cxlmi completion bash)',
    'mkdir -p ~/.zfunc && cxlmi completion zsh > ~/.zfunc/_cxlmi   # with fpath+=(~/.zfunc) in ~/.zshrc',
  ).action(
    wrap(async (run, [shell]) => {
      if (shell === 'bash') run.out(bashCompletion(program));
      else if (shell === 'zsh') run.out(zshCompletion(program));
      else throw new CxlmiUsageError(`no completion for '${shell}': use bash or zsh`); // commander checks first
    }),
  );
}
