/**
 * The terminal experience, in a real pseudo-terminal: the progress bar, the confirmation prompt
 * and Ctrl-C. The emulator answers after a small delay (hidden --emulate-latency) so that a
 * firmware transfer takes long enough to watch and to interrupt.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_CANCELLED, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { needs, requireUnderCi } from '../helpers/prerequisite.js';
import { hasScript, PtySession } from './pty.js';

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-pty-'));
const image = join(dir, 'fw.bin');
// 64 KiB whose first bytes are the printable revision the emulator reports for a package.
writeFileSync(image, Buffer.concat([Buffer.from('PTY-FW 2.0\0'), Buffer.alloc(64 * 1024 - 11, 0x5a)]));

describe('in a terminal', needs(hasScript, 'util-linux script is not installed'), () => {
  requireUnderCi(hasScript, 'util-linux script is not installed');
  it('fw update draws a progress bar on the terminal, labels the verify phase, and ends at 100%', async () => {
    const s = new PtySession(['--emulate', '--emulate-latency', '2', 'fw', 'update', image]);
    const code = await s.end();
    assert.equal(code, 0, s.output);
    assert.match(s.output, /firmware → slot 2 █{30} 100% 64 KiB\/64 KiB/);
    assert.match(s.output, /verifying… slot 2 █{30} 100%/);
    assert.match(s.output, /parts\s+\d+/);
  });

  it('a destructive operation asks, and "n" cancels before anything is sent', async () => {
    const s = new PtySession(['--emulate', 'fw', 'activate', '2']);
    await s.waitFor(
      /About to activate firmware slot 2 of emulator:type3 \(Type 3, serial 0x00c0ffee12345678\)\.\r?\nContinue\? \[y\/N\] /,
    );
    s.type('n\r');
    const code = await s.end();
    assert.equal(code, EXIT_CANCELLED, s.output);
    assert.match(s.text, /cxlmi: cancelled \(not confirmed\)/);
    assert.ok(s.output.includes('\u001b[31mcxlmi:'), 'errors are red on a terminal');
    assert.doesNotMatch(s.output, /Invalid Slot/, 'the command was never sent');
  });

  it('answering "y" goes ahead', async () => {
    const s = new PtySession(['--emulate', 'fw', 'update', image, '--activate']);
    await s.waitFor(/Continue\? \[y\/N\] /);
    s.type('y\r');
    const code = await s.end();
    assert.equal(code, 0, s.output);
    assert.match(s.text, /activated\s+online/);
  });

  it('sanitize asks, then shows the background operation’s progress to 100%', async () => {
    const s = new PtySession(['--emulate', 'sanitize']);
    await s.waitFor(
      /About to sanitize emulator:type3 \(Type 3, serial 0x00c0ffee12345678\), erasing all user data\.\r?\nContinue\? \[y\/N\] /,
    );
    s.type('y\r');
    const code = await s.end();
    assert.equal(code, 0, s.output);
    assert.match(s.text, /sanitize █{30} 100%/);
    assert.match(s.text, /background +yes/);
  });

  it('Ctrl-C stops a transfer between two commands and exits 130', async () => {
    const s = new PtySession(['--emulate', '--emulate-latency', '50', 'fw', 'update', image]);
    await s.waitFor(/firmware → slot 2 [█░]{30} +\d+% [1-9][\d.]* KiB\/64 KiB/);
    s.type('\x03');
    const code = await s.end();
    assert.equal(code, EXIT_CANCELLED, s.output);
    assert.match(s.output, /stopping once the command in flight completes/);
    assert.match(s.text, /cxlmi: cancelled \(interrupted by Ctrl-C\)/);
    assert.doesNotMatch(s.output, /parts\s+\d+/, 'the transfer did not finish');
  });

  it('Ctrl-C while the device verifies the package stops at once (130), with the phase labelled', async () => {
    // 20 MiB: the emulator verifies for about 8 s after the last part.
    const big = join(dir, 'fw-big.bin');
    writeFileSync(
      big,
      Buffer.concat([Buffer.from('PTY-FW 3.0\0'), Buffer.alloc(20 * 1024 * 1024 - 11, 0x5a)]),
    );
    const s = new PtySession(['--emulate', 'fw', 'update', big]);
    await s.waitFor(/verifying… slot 2 [█░]{30} +\d+%/);
    const t0 = performance.now();
    s.type('\x03');
    const code = await s.end();
    const waited = performance.now() - t0;
    assert.equal(code, EXIT_CANCELLED, s.output);
    assert.ok(waited < 4000, `stopped ${Math.round(waited)} ms after Ctrl-C, not at once`);
    assert.match(s.text, /stopping once the command in flight completes/);
    assert.match(
      s.text,
      /cancelled \(stopped waiting; emulator:type3 goes on verifying the package for slot 2/,
    );
    assert.doesNotMatch(s.output, /parts\s+\d+/, 'no result table after the stop');
    // The stop message is the last thing drawn on its line: no bar redrawn over it afterwards.
    const after = s.output.slice(s.output.indexOf('stopping once'));
    assert.doesNotMatch(after, /verifying… slot 2 [█░]{30}/);
  });

  it('without a terminal, a destructive operation needs --yes', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--emulate', 'fw', 'activate', '2'],
      {
        cwd: new URL('../../', import.meta.url),
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    assert.equal(r.status, EXIT_USAGE);
    assert.match(r.stderr, /not confirmed: add --yes to activate firmware slot 2 of emulator:type3/);
  });
});
