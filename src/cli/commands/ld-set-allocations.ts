/** `cxlmi ld set-allocations`: Set LD Allocations (5402h), CXL r3.1 §7.6.7.4.3. */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerLdSetAllocations(ld: Command, wrap: Wrap): void {
  examples(
    ld
      .command('set-allocations')
      .description(
        "change the memory allocated to LDs (asks first); sizes are multiples of the MLD's granularity",
      )
      .argument(
        '<allocations>',
        'per LD from --start-ld: SIZE or SIZE:SIZE (range 1:range 2), comma separated',
      )
      .argument('[targets...]', 'the MLD (or a switch, with --port N)')
      .option('--start-ld <n>', 'the first LD the list is for', '0'),
    'cxlmi --emulate=fabric ld set-allocations 512M,512M --yes',
    'cxlmi --port 2 ld set-allocations 512M:256M,512M emu:fabric.sock#switch0 --start-ld 2 --json',
  ).action(wrap(() => import('../actions/ld-set-allocations.js').then((m) => m.runSetAllocations)));
}
