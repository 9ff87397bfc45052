/**
 * Implementation of `cxlmi security …`: Persistent Memory Data-at-rest Security (CXL r3.1
 * §8.2.9.9.6).
 */

import { CXLMI_PASSPHRASE_TYPE_MASTER, CXLMI_PASSPHRASE_TYPE_USER } from '../../commands/memdev/security.js';
import { CxlmiUsageError } from '../../errors.js';
import type { Action } from '../program.js';
import { perEndpoint, type Run } from '../run.js';
import { readSecret } from '../secret.js';

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

const typeOf = (o: Record<string, unknown>) =>
  o.type === 'master' ? CXLMI_PASSPHRASE_TYPE_MASTER : CXLMI_PASSPHRASE_TYPE_USER;

export const runState: Action = async (run, targets) =>
  void (await perEndpoint(run, targets, (ep) => ep.getSecurityState(run.call())));

export const runSetPassphrase: Action = async (run, targets, o) => {
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
};

export const runDisable: Action = async (run, targets, o) => {
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
};

export const runUnlock: Action = async (run, targets, o) => {
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
};

export const runFreeze: Action = async (run, targets) => {
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
};

export const runErase: Action = async (run, targets, o) => {
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
};
