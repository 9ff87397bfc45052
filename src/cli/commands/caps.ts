/** `cxlmi caps [targets…]`: which commands reach the device, and how, through each target. */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerCaps(program: Command, wrap: Wrap): void {
  const caps = program
    .command('caps')
    .description('show which commands reach each target and how (kernel command ids or RAW on /dev/cxl/memN)')
    .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID')
    .option('--all', 'list every command of the table, not only the ones that pass')
    .action(wrap(() => import('../actions/caps.js').then((m) => m.runCaps)));
  examples(caps, 'cxlmi --emulate caps', 'cxlmi caps emu:lab.sock --json');
}
