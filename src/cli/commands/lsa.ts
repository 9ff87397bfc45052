/** `cxlmi lsa read|write`: the Label Storage Area (Get/Set LSA, 4102h/4103h), in pieces, with a bar. */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerLsa(program: Command, wrap: Wrap): void {
  const lsa = program.command('lsa').description('Label Storage Area: read to a file, write from a file');
  examples(lsa, 'cxlmi --emulate lsa read -o lsa.bin', 'cxlmi lsa write lsa.bin emu:lab.sock');

  examples(
    lsa
      .command('read')
      .description('read the LSA (all of it unless --offset/--length say otherwise)')
      .argument(...TARGETS)
      .option('-o, --output <file>', 'write the bytes to this file (else a hex dump)')
      .option('--offset <n>', 'first byte', '0')
      .option('--length <n>', 'bytes to read (default: to the end of the LSA)'),
    'cxlmi --emulate lsa read --length 64',
    'cxlmi lsa read emu:lab.sock -o lsa.bin',
  ).action(wrap(() => import('../actions/lsa.js').then((m) => m.runRead)));

  examples(
    lsa
      .command('write')
      .description('write a file into the LSA (asks first)')
      .argument('<file>', 'bytes to write')
      .argument(...TARGETS)
      .option('--offset <n>', 'where to start', '0'),
    'cxlmi --emulate lsa write labels.bin --yes',
    'cxlmi lsa write labels.bin emu:lab.sock --offset 4096',
  ).action(wrap(() => import('../actions/lsa.js').then((m) => m.runWrite)));
}
