/** `cxlmi list`: the CXL endpoints this machine can reach. */
import type { Command } from 'commander';
import { exampleLines } from '../help.js';
import type { Wrap } from '../program.js';

export function registerList(program: Command, wrap: Wrap): void {
  program
    .command('list')
    .description('list CXL endpoints: kernel memdevs, plus emulated (--emulate) or MCTP (--scan) ones')
    .argument('[targets...]', 'extra targets to include')
    .addHelpText(
      'after',
      `\nExamples:\n${exampleLines([
        'cxlmi list',
        'cxlmi --emulate=fabric list',
        'cxlmi list emu:lab.sock --json',
      ])
        .map((l) => `  ${l}`)
        .join('\n')}\n`,
    )
    .action(wrap(() => import('../actions/list.js').then((m) => m.runList)));
}
