/** `cxlmi completion bash|zsh`: prints a shell completion script. */
import { Argument, type Command } from 'commander';
import { examples } from '../help.js';
import type { Print, Wrap } from '../program.js';

export function registerCompletion(program: Command, _wrap: Wrap, print: Print): void {
  examples(
    program
      .command('completion')
      .description('print a shell completion script (bash or zsh)')
      .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh'])),
    'source <(cxlmi completion bash)',
    'mkdir -p ~/.zfunc && cxlmi completion zsh > ~/.zfunc/_cxlmi   # with fpath+=(~/.zfunc) in ~/.zshrc',
  ).action(print(() => import('../actions/completion.js').then((m) => m.completionScript)));
}
