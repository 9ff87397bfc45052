/**
 * `cxlmi sanitize`, `cxlmi secure-erase`, `cxlmi media-ops discover|sanitize|zero`: the Sanitize and
 * Media Operations command set (CXL r3.1 §8.2.9.9.5). All erase data, so all ask first.
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

export function registerSanitize(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('sanitize')
      .description('sanitize the whole device: all user data is erased (background operation; asks first)')
      .argument(...TARGETS),
    'cxlmi --emulate sanitize --yes',
    'cxlmi sanitize emu:lab.sock',
  ).action(wrap(() => import('../actions/sanitize.js').then((m) => m.runSanitize)));

  examples(
    program
      .command('secure-erase')
      .description('secure erase: change the media encryption keys, so all user data is gone (asks first)')
      .argument(...TARGETS),
    'cxlmi --emulate secure-erase --yes',
    'cxlmi secure-erase emu:lab.sock',
  ).action(wrap(() => import('../actions/sanitize.js').then((m) => m.runSecureErase)));

  const ops = program
    .command('media-ops')
    .description('media operations on DPA ranges: discover, sanitize, zero');
  examples(ops, 'cxlmi --emulate media-ops discover', 'cxlmi media-ops zero 0:256M emu:lab.sock');

  examples(
    ops
      .command('discover')
      .description('the media operations the device supports, and their granularity')
      .argument(...TARGETS),
    'cxlmi --emulate media-ops discover',
    'cxlmi media-ops discover emu:lab.sock --json',
  ).action(wrap(() => import('../actions/sanitize.js').then((m) => m.runDiscover)));

  for (const [name, what] of [
    ['sanitize', 'sanitize'],
    ['zero', 'zero'],
  ] as const) {
    examples(
      ops
        .command(name)
        .description(`${what} DPA ranges (START:LENGTH, in the device's granularity; asks first)`)
        .argument('<ranges>', 'comma-separated START:LENGTH ranges, e.g. 0:256M,0x40000000:1G')
        .argument(...TARGETS),
      `cxlmi --emulate media-ops ${name} 0:256M --yes`,
      `cxlmi media-ops ${name} 0x10000000:256M emu:lab.sock`,
    ).action(wrap(() => import('../actions/sanitize.js').then((m) => m.runMediaOp(name, what))));
  }
}
