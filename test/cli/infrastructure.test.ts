import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { listenForCancel } from '../../src/cli/cancel.js';
import { confirm } from '../../src/cli/confirm.js';
import { EXIT_CANCELLED, EXIT_TRANSPORT } from '../../src/cli/exit-codes.js';
import type { Io } from '../../src/cli/io.js';
import { startProgress } from '../../src/cli/progress.js';
import { colorsWanted, styleFor } from '../../src/cli/style.js';
import { CxlmiAbortError, CxlmiUsageError } from '../../src/errors.js';
import { cli } from './run-cli.js';

function fakeTerminal(): PassThrough & { isTTY: boolean; columns: number } {
  return Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
}

const ESC = '\u001b';
const quietIo: Io = { stdout() {}, stderr() {} };

describe('colours', () => {
  it('only on a terminal, and never with NO_COLOR', () => {
    assert.equal(colorsWanted(true, {}), true);
    assert.equal(colorsWanted(false, {}), false);
    assert.equal(colorsWanted(true, { NO_COLOR: '1' }), false);
    assert.equal(
      colorsWanted(true, { NO_COLOR: '' }),
      true,
      'an empty NO_COLOR does not count (no-color.org)',
    );
    assert.equal(styleFor(true, {}).red('x'), '\u001b[31mx\u001b[39m');
    assert.equal(styleFor(true, { NO_COLOR: 'yes' }).red('x'), 'x');
  });

  it('a terminal stdout gets a bold endpoint name, a pipe does not', async () => {
    const tty = await cli(['--emulate', 'timestamp'], { stdoutTty: true });
    assert.ok(tty.out.includes(`${ESC}[1memulator:type3${ESC}[22m`), tty.out);
    const nocolor = await cli(['--emulate', 'timestamp'], { stdoutTty: true, env: { NO_COLOR: '1' } });
    assert.ok(!nocolor.out.includes(ESC));
    const pipe = await cli(['--emulate', 'timestamp']);
    assert.ok(!pipe.out.includes(ESC));
  });
});

describe('errors', () => {
  it('one line by default; --verbose adds class, code and causes', async () => {
    const plain = await cli(['identify', '/dev/cxl/mem99']);
    assert.equal(plain.code, EXIT_TRANSPORT);
    assert.equal(plain.err.trimEnd().split('\n').length, 1);
    const verbose = await cli(['identify', '/dev/cxl/mem99', '--verbose']);
    assert.equal(verbose.code, EXIT_TRANSPORT);
    assert.match(verbose.err, /^ {2}error: Cxlmi\w+Error \(CXLMI_ERR_\w+\)$/m);
    assert.ok(verbose.err.split('\n').length > 2);
  });
});

describe('confirmation', () => {
  it('--yes goes ahead without asking', async () => {
    await confirm('erase everything', { yes: true, io: quietIo });
  });

  it('without a terminal and without --yes, refuses before anything is sent', async () => {
    await assert.rejects(confirm('erase everything', { yes: false, io: quietIo }), (e: unknown) => {
      assert.ok(e instanceof CxlmiUsageError);
      assert.match(e.message, /not confirmed: add --yes to erase everything/);
      return true;
    });
  });

  for (const [answer, ok] of [
    ['y\n', true],
    ['YES\n', true],
    ['n\n', false],
    ['\n', false],
  ] as const) {
    it(`on a terminal, answering ${JSON.stringify(answer)} ${ok ? 'goes ahead' : 'cancels'}`, async () => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      const terminal = fakeTerminal();
      let asked = '';
      terminal.on('data', (d: Buffer) => {
        asked += d.toString();
      });
      const io: Io = { ...quietIo, stdin, stderrTty: true, terminal };
      const p = confirm('erase everything', { yes: false, io });
      stdin.write(answer);
      if (ok) await p;
      else await assert.rejects(p, CxlmiAbortError);
      assert.match(asked, /About to erase everything\.\r?\nContinue\? \[y\/N\]/);
    });
  }
});

describe('Ctrl-C', () => {
  it('the first SIGINT fires the signal, the second exits 130', () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    let said = '';
    const c = listenForCancel(
      signals,
      (t) => (said += t),
      (code) => exits.push(code),
    );
    assert.equal(c.signal.aborted, false);
    signals.emit('SIGINT');
    assert.equal(c.signal.aborted, true);
    assert.match(said, /stopping once the command in flight completes/);
    assert.deepEqual(exits, []);
    signals.emit('SIGINT');
    assert.deepEqual(exits, [EXIT_CANCELLED]);
    c.dispose();
    assert.equal(signals.listenerCount('SIGINT'), 0);
  });
});

describe('progress bar', () => {
  it('is silent when stderr is not a terminal', () => {
    const stream = new PassThrough();
    let drawn = '';
    stream.on('data', (d: Buffer) => {
      drawn += d.toString();
    });
    const p = startProgress(stream, false, { title: 'firmware', total: 100 });
    p.update(50);
    p.stop();
    assert.equal(drawn, '');
  });

  it('draws title, percentage and amounts on a terminal', () => {
    const stream = fakeTerminal();
    let drawn = '';
    stream.on('data', (d: Buffer) => {
      drawn += d.toString();
    });
    const p = startProgress(stream, true, { title: 'firmware', total: 2048, unit: 'bytes' });
    p.update(1024);
    p.stop();
    assert.match(drawn, /firmware [█░]{30} {2}50% 1 KiB\/2 KiB/);
  });
});
