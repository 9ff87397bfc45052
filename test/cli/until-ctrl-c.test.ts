/**
 * Commands that run until Ctrl-C (events follow, health --watch): on a terminal they say they are
 * waiting, Ctrl-C ends them with exit 0 (as their help says) and says so, not "stopping once the
 * command in flight completes"; and an option without effect is a usage error.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { cli } from './run-cli.js';

async function untilCtrlC(argv: string[], stderrTty: boolean, ready: RegExp) {
  const signals = new EventEmitter();
  let out = '';
  let err = '';
  let seen: () => void = () => {};
  const shown = new Promise<void>((resolve) => (seen = resolve));
  const check = () => {
    if (ready.test(out + err)) seen();
  };
  const done = cli(argv, {
    signals,
    stderrTty,
    stdout: (t) => {
      out += t;
      check();
    },
    stderr: (t) => {
      err += t;
      check();
    },
  });
  await shown;
  signals.emit('SIGINT');
  const r = await done;
  return { code: r.code, out, err };
}

describe('commands that run until Ctrl-C', () => {
  it('events follow says on a terminal that it waits, and Ctrl-C ends it with 0', async () => {
    const r = await untilCtrlC(['--emulate', 'events', 'follow', '--interval', '20'], true, /Ctrl-C to stop/);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /cxlmi: waiting for new event records from emulator:type3 \(every 20 ms\); Ctrl-C to stop/,
    );
    assert.match(r.err, /cxlmi: stopped \(Ctrl-C\)/);
    assert.doesNotMatch(r.err, /stopping once the command in flight/);
  });

  it('health --watch --json says so on a terminal, and Ctrl-C ends it with 0', async () => {
    const r = await untilCtrlC(
      ['--emulate', 'health', '--watch', '--json', '--interval', '100'],
      true,
      /"endpoint":"emulator:type3"/,
    );
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /watching the health of emulator:type3 every 100 ms, a line per change; Ctrl-C to stop/,
    );
    assert.match(r.err, /cxlmi: stopped \(Ctrl-C\)/);
    assert.equal(JSON.parse(r.out.trim().split('\n')[0]).endpoint, 'emulator:type3');
  });

  it('without a terminal the waiting note is not printed (stderr stays for errors)', async () => {
    const r = await untilCtrlC(
      ['--emulate', 'health', '--watch', '--json', '--interval', '100'],
      false,
      /endpoint/,
    );
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.err, /Ctrl-C to stop/);
  });

  it('--count, --interval without --watch, and --alerts with --watch, are usage errors', async () => {
    for (const argv of [
      ['--emulate', 'health', '--count', '3'],
      ['--emulate', 'health', '--interval', '100'],
      ['--emulate', 'health', '--watch', '--alerts', '--count', '1'],
    ]) {
      const r = await cli(argv);
      assert.equal(r.code, EXIT_USAGE, argv.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, /only applies with --watch|no effect with --watch/);
    }
  });
});
