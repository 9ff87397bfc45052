/**
 * Passphrases need not be command-line arguments (visible in `ps` and shell history):
 * `--passphrase-file FILE|-` reads them, and on a terminal they are asked without echo.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { withPassphrases } from './emulated.js';
import { hasScript, PtySession } from './pty.js';
import { cli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-pass-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('passphrases without the command line', () => {
  it('--passphrase-file FILE: the first line, without its line end', async () => {
    const r = await cli(
      ['--emulate', 'security', 'unlock', '--passphrase-file', file('user.txt', 's3cret\n'), '--json'],
      {
        emulator: () => withPassphrases(true),
      },
    );
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).security_state_bits.locked, false);
    const wrong = await cli(
      ['--emulate', 'security', 'unlock', '--passphrase-file', file('bad.txt', 'nope\r\n')],
      {
        emulator: () => withPassphrases(true),
      },
    );
    assert.equal(wrong.code, EXIT_DEVICE);
  });

  it('--passphrase-file - reads standard input', async () => {
    const r = await cli(
      ['--emulate', 'security', 'disable', '--type', 'master', '--passphrase-file', '-', '--json'],
      {
        emulator: () => withPassphrases(),
        stdin: Readable.from(['m4ster\n']),
      },
    );
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).security_state_bits.master_passphrase_set, false);
  });

  it('set-passphrase takes both from files', async () => {
    const r = await cli(
      [
        '--emulate',
        'security',
        'set-passphrase',
        '--current-file',
        file('cur.txt', 's3cret'),
        '--new-file',
        file('new.txt', 'n3w\n'),
        '--json',
      ],
      { emulator: () => withPassphrases() },
    );
    assert.equal(r.code, 0, r.err);
    const again = await cli(['--emulate', 'security', 'set-passphrase', '--current', 'n3w', '--new', 'x'], {
      emulator: () => withPassphrases(),
    });
    assert.equal(
      again.code,
      EXIT_DEVICE,
      'a fresh device still has the old one: the file set "n3w" only there',
    );
  });

  it('no passphrase and no terminal: a usage error naming --passphrase-file, nothing sent', async () => {
    const r = await cli(['--emulate', 'security', 'unlock'], { emulator: () => withPassphrases(true) });
    assert.equal(r.code, EXIT_USAGE);
    assert.match(
      r.err,
      /passphrase needed: give --passphrase-file FILE \(or - for stdin\), or run on a terminal/,
    );
    const both = await cli([
      '--emulate',
      'security',
      'unlock',
      '--passphrase',
      'a',
      '--passphrase-file',
      '-',
    ]);
    assert.equal(both.code, EXIT_USAGE);
    assert.match(both.err, /not both/);
    const missing = await cli(['--emulate', 'security', 'unlock', '--passphrase-file', join(dir, 'absent')]);
    assert.equal(missing.code, EXIT_USAGE);
    assert.match(missing.err, /cannot read --passphrase-file .*absent: ENOENT/);
  });

  it('on a terminal it is asked, and what is typed is not shown', {
    skip: hasScript ? false : 'util-linux script is not installed',
  }, async () => {
    const s = new PtySession(['--emulate', 'security', 'set-passphrase']);
    await s.waitFor(/Current passphrase \(Enter if none\): /);
    s.type('\r');
    await s.waitFor(/New passphrase: /);
    s.type('Hidd3nPass\r');
    await s.waitFor(/New passphrase again: /);
    s.type('Hidd3nPass\r');
    const code = await s.end();
    assert.equal(code, 0, s.output);
    assert.doesNotMatch(s.output, /Hidd3nPass/, 'the passphrase was echoed');
    assert.match(s.text, /security_state +1 \(user_passphrase_set\)/);
  });
});
