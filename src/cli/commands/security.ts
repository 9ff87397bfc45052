/** `cxlmi security …`: Persistent Memory Data-at-rest Security (CXL r3.1 §8.2.9.9.6). */
import { type Command, Option } from 'commander';
import { CXLMI_PASSPHRASE_TYPE_MASTER, CXLMI_PASSPHRASE_TYPE_USER } from '../../commands/memdev/security.js';
import { CxlmiUsageError } from '../../errors.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { perEndpoint, type Run } from '../run.js';
import { readSecret } from '../secret.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;
const PASSPHRASE_SIZE = 32;

/** A passphrase as the device takes it: 32 bytes, the text's UTF-8 bytes then zeros. */
function passphrase(what: string, text: unknown): Uint8Array {
  if (typeof text !== 'string' || text.length === 0) throw new CxlmiUsageError(`${what} is required`);
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > PASSPHRASE_SIZE)
    throw new CxlmiUsageError(`${what} is longer than ${PASSPHRASE_SIZE} bytes`);
  const out = new Uint8Array(PASSPHRASE_SIZE);
  out.set(bytes);
  return out;
}

/** `--passphrase`, `--passphrase-file FILE|-`, or asked without echo on a terminal. */
const passphraseOf = (run: Run, o: Record<string, unknown>) =>
  readSecret(
    run.io,
    {
      option: '--passphrase',
      text: o.passphrase,
      fileOption: '--passphrase-file',
      file: o.passphraseFile,
      prompt: 'Passphrase',
    },
    run.signal,
  );

const typeOption = () =>
  new Option('--type <which>', 'which passphrase: user or master')
    .choices(['user', 'master'])
    .default('user');
const typeOf = (o: Record<string, unknown>) =>
  o.type === 'master' ? CXLMI_PASSPHRASE_TYPE_MASTER : CXLMI_PASSPHRASE_TYPE_USER;

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
  ).action(
    wrap(
      async (run, targets) => void (await perEndpoint(run, targets, (ep) => ep.getSecurityState(run.call()))),
    ),
  );

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
  ).action(
    wrap(async (run, targets, o) => {
      // On a terminal both are asked without echo; elsewhere an absent current one is empty.
      const currentText = await readSecret(
        run.io,
        {
          option: '--current',
          text: o.current,
          fileOption: '--current-file',
          file: o.currentFile,
          prompt: 'Current passphrase (Enter if none)',
          fallback: '',
        },
        run.signal,
      );
      const current = currentText ? passphrase('--current', currentText) : new Uint8Array(PASSPHRASE_SIZE);
      const next = passphrase(
        '--new',
        await readSecret(
          run.io,
          {
            option: '--new',
            text: o.new,
            fileOption: '--new-file',
            file: o.newFile,
            prompt: 'New passphrase',
            repeat: true,
          },
          run.signal,
        ),
      );
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await ep.setPassphrase(
            { passphrase_type: typeOf(o), current_passphrase: current, new_passphrase: next },
            run.call(),
          );
          return ep.getSecurityState(run.call());
        },
        {},
        { changes: 'security set-passphrase', sends: 'setPassphrase' },
      );
    }),
  );

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
  ).action(
    wrap(async (run, targets, o) => {
      const pass = passphrase('--passphrase', await passphraseOf(run, o));
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await ep.disablePassphrase({ passphrase_type: typeOf(o), passphrase: pass }, run.call());
          return ep.getSecurityState(run.call());
        },
        {},
        { changes: 'security disable', sends: 'disablePassphrase' },
      );
    }),
  );

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
  ).action(
    wrap(async (run, targets, o) => {
      const pass = passphrase('--passphrase', await passphraseOf(run, o));
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await ep.unlock({ current_passphrase: pass }, run.call());
          return ep.getSecurityState(run.call());
        },
        {},
        { changes: 'security unlock', sends: 'unlock' },
      );
    }),
  );

  examples(
    sec
      .command('freeze')
      .description('freeze the security state until the next reset (asks first)')
      .argument(...TARGETS),
    'cxlmi --emulate security freeze --yes',
    'cxlmi security freeze emu:lab.sock',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await run.confirm(`freeze the security state of ${run.label(ep)} until its next reset`);
          await ep.freezeSecurityState(run.call());
          return ep.getSecurityState(run.call());
        },
        {},
        { changes: 'security freeze', sends: 'freezeSecurityState' },
      );
    }),
  );

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
  ).action(
    wrap(async (run, targets, o) => {
      const pass = passphrase('--passphrase', await passphraseOf(run, o));
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await run.confirm(`erase all user data of ${run.label(ep)} (passphrase secure erase)`);
          await ep.passphraseSecureErase({ passphrase_type: typeOf(o), passphrase: pass }, run.call());
          return ep.getSecurityState(run.call());
        },
        {},
        { changes: 'security erase', sends: 'passphraseSecureErase' },
      );
    }),
  );
}
