import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/program.js';
import { withEvents } from './emulated.js';
import { cli } from './run-cli.js';

describe('cxlmi events', () => {
  it('list shows each log’s records, one line each, with kind and detail', async () => {
    const { emulator } = withEvents();
    const r = await cli(['--emulate', 'events', 'list'], { emulator });
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^ {2}warn +1 +2023-11-14T22:13:20\.\d{9}Z +warning +Memory Module +event type 2, life used 42%, 55 °C$/m,
    );
    assert.match(
      r.out,
      /^ {2}fail +1 +2023-11-14T22:13:20\.\d{9}Z +failure +General Media +DPA 0x1040, type 1$/m,
    );
  });

  it('list --json keeps the library’s field names and the decoded event', async () => {
    const { emulator } = withEvents();
    const r = await cli(['--emulate', 'events', 'list', '--log', 'fail', '--json'], { emulator });
    const [fail] = JSON.parse(r.out);
    assert.equal(fail.event_log, 2);
    assert.equal(fail.record_count, 1);
    assert.equal(fail.records[0].event.kind, 'general_media');
    assert.equal(fail.records[0].event.phys_addr, 0x1040);
  });

  it('an empty device says so', async () => {
    const r = await cli(['--emulate', 'events', 'list']);
    assert.match(r.out, /no event records/);
  });

  it('clear --all empties the chosen logs (by handle, as the log has not overflowed)', async () => {
    const { emulator, device } = withEvents();
    const r = await cli(['--emulate', 'events', 'clear', '--all', '--log', 'fail'], { emulator });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /fail: 1 record cleared/);
    assert.equal(device.generic.events.log(2).size, 0);
    assert.equal(device.generic.events.log(1).size, 1, 'other logs untouched');
  });

  it('clear needs --handle or --all', async () => {
    const r = await cli(['--emulate', 'events', 'clear']);
    assert.equal(r.code, EXIT_USAGE);
  });

  it('follow prints records as they arrive and stops on Ctrl-C with exit 0', async () => {
    const { emulator, device } = withEvents();
    const signals = new EventEmitter();
    let out = '';
    let err = '';
    const seen = (re: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => (re.test(out) ? resolve() : setImmediate(check));
        check();
      });
    const done = runCli(['--emulate', 'events', 'follow', '--interval', '5', '--json'], {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
      signals,
      emulator,
    });
    await seen(/"log_name":"fail"/);
    device.generic.events.inject('dram', { phys_addr: 0x2000n }, { log: 0 });
    await seen(/"kind":"dram"/);
    signals.emit('SIGINT');
    assert.equal(await done, 0, err);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.record.event.kind).sort(),
      ['dram', 'general_media', 'memory_module'],
      'each record once',
    );
    assert.equal(lines[0].endpoint, 'emulator:type3');
  });
});
