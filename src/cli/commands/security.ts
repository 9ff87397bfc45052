/** `cxlmi security …`: Persistent Memory Data-at-rest Security (CXL r3.1 §8.2.9.9.6). */
import { type Command, Option } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

const typeOption = () =>
  new Option('--type <which>', 'which passphrase: user or master')
    .choices(['user', 'master'])
    .default('user');

export function registerSecurity(program: Command, wrap: Wrap): void {
  const sec = program
    .command('security')
    .description('data-at-rest security: state, passphrases, unlock, freeze, erase');
  examples(
    sec,
    'cxlmi --emulate security state',
    'cxlmi security set-passphrase emu:lab.sock --new s3cret',
    'cxlmi emulate --reset emu:lab.sock   # a power cycle: the device comes back locked',
    'cxlmi security unlock emu:lab.sock --passphrase-file pass.txt   # pass.txt holds s3cret',
  );

  examples(
    sec
      .command('state', { isDefault: true })
      .description('passphrases set, locked, frozen, attempt limits')
      .argument(...TARGETS),
    'cxlmi --emulate security state',
    'cxlmi security state emu:lab.sock --json',
  ).action(wrap(() => import('../actions/security.js').then((m) => m.runState)));

  examples(
    sec
      .command('set-passphrase')
      .description('set or change a passphrase')
      .argument(...TARGETS)
      .addOption(typeOption())
      .option('--current <pass>', 'the current passphrase (visible in ps; prefer --current-file)')
      .option('--current-file <file>', 'read the current passphrase from FILE, or - for stdin')
      .option('--new <pass>', 'the new passphrase, at most 32 bytes (visible in ps; prefer --new-file)')
      .option('--new-file <file>', 'read the new passphrase from FILE, or - for stdin'),
    'cxlmi --emulate security set-passphrase --new s3cret',
    'cxlmi security set-passphrase emu:lab.sock --new old',
    'cxlmi security set-passphrase emu:lab.sock --current-file old.txt --new-file new.txt',
  ).action(wrap(() => import('../actions/security.js').then((m) => m.runSetPassphrase)));

  examples(
    sec
      .command('disable')
      .description('remove a passphrase')
      .argument(...TARGETS)
      .addOption(typeOption())
      .option('--passphrase <pass>', 'the passphrase to remove (visible in ps; prefer --passphrase-file)')
      .option(
        '--passphrase-file <file>',
        'read the passphrase from FILE, or - for stdin (asked without echo on a terminal)',
      ),
    'cxlmi security set-passphrase emu:lab.sock --new s3cret',
    'cxlmi security disable emu:lab.sock --passphrase s3cret',
    'cxlmi security set-passphrase emu:lab.sock --type master --new m4ster',
    'cxlmi security disable emu:lab.sock --type master --passphrase-file master.txt --json',
  ).action(wrap(() => import('../actions/security.js').then((m) => m.runDisable)));

  examples(
    sec
      .command('unlock')
      .description('unlock a locked device with the user passphrase')
      .argument(...TARGETS)
      .option('--passphrase <pass>', 'the user passphrase (visible in ps; prefer --passphrase-file)')
      .option(
        '--passphrase-file <file>',
        'read the passphrase from FILE, or - for stdin (asked without echo on a terminal)',
      ),
    'cxlmi security set-passphrase emu:lab.sock --new s3cret',
    'cxlmi emulate --reset emu:lab.sock   # a power cycle: the device comes back locked',
    'cxlmi security unlock emu:lab.sock --passphrase s3cret',
  ).action(wrap(() => import('../actions/security.js').then((m) => m.runUnlock)));

  examples(
    sec
      .command('freeze')
      .description('freeze the security state until the next reset (asks first)')
      .argument(...TARGETS),
    'cxlmi --emulate security freeze --yes',
    'cxlmi security freeze emu:lab.sock',
  ).action(wrap(() => import('../actions/security.js').then((m) => m.runFreeze)));

  examples(
    sec
      .command('erase')
      .description('passphrase secure erase: erase all user data with a passphrase (asks first)')
      .argument(...TARGETS)
      .addOption(typeOption())
      .option('--passphrase <pass>', 'the passphrase (visible in ps; prefer --passphrase-file)')
      .option(
        '--passphrase-file <file>',
        'read the passphrase from FILE, or - for stdin (asked without echo on a terminal)',
      ),
    'cxlmi security set-passphrase emu:lab.sock --type master --new m4ster',
    'cxlmi security erase emu:lab.sock --type master --passphrase m4ster --yes',
    'cxlmi security set-passphrase emu:lab.sock --new s3cret',
    'cxlmi security erase emu:lab.sock --passphrase-file pass.txt',
  ).action(wrap(() => import('../actions/security.js').then((m) => m.runErase)));
}
