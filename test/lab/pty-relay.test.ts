/**
 * The UML guest's pty relay (test/qemu/mctp/guest/pty-relay.ts), on the host: a second pty pair
 * stands in for UML's serial line (its slave is the relay's "line", its master the host's end).
 * Every byte value crosses unchanged in both directions, which needs the relay to have put the
 * line in raw mode (n_tty would otherwise turn CR into LF, eat ^C, echo, and add CR before LF).
 * The relay's own pty slave is put in raw mode here, as N_MCTP would take it in the guest.
 */
import assert from 'node:assert/strict';
import { closeSync, constants, openSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { ReadStream } from 'node:tty';
import { libc } from '../../src/transport/native/libc.js';
import { makeRaw, openPtyRelay, type PtyRelay } from '../qemu/mctp/guest/pty-relay.js';

/** A pty pair for the stand-in serial line: [master fd, slave path]. */
function ptyPair(): [number, string] {
  const lib = libc().koffi.load('libc.so.6');
  const openpt = lib.func('int posix_openpt(int flags)');
  const grantpt = lib.func('int grantpt(int fd)');
  const unlockpt = lib.func('int unlockpt(int fd)');
  const ptsname = lib.func('const char *ptsname(int fd)');
  const m = openpt(constants.O_RDWR | constants.O_NOCTTY) as number;
  assert.ok(m >= 0 && grantpt(m) === 0 && unlockpt(m) === 0);
  return [m, ptsname(m) as string];
}

/** Collects what a tty stream reads until `n` bytes arrived. */
function collect(s: ReadStream, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${got} of ${n} bytes arrived`)), 10_000);
    const onData = (b: Buffer) => {
      parts.push(b);
      got += b.length;
      if (got >= n) {
        clearTimeout(timer);
        s.off('data', onData);
        resolve(Buffer.concat(parts));
      }
    };
    s.on('data', onData);
  });
}

/** Every byte value, four times over, in a shuffled but fixed order. */
function allBytes(): Buffer {
  const b = Buffer.alloc(1024);
  for (let i = 0; i < b.length; i++) b[i] = (i * 167 + (i >> 8)) & 0xff;
  return b;
}

describe('UML guest pty relay', () => {
  const [lineMaster, lineSlave] = ptyPair();
  const relay: PtyRelay = openPtyRelay(lineSlave);
  const mctpSide = openSync(relay.slave, constants.O_RDWR | constants.O_NOCTTY);
  makeRaw(mctpSide);
  const host = new ReadStream(lineMaster);
  const guest = new ReadStream(mctpSide);
  after(() => {
    relay.close();
    host.destroy();
    guest.destroy();
  });

  test('the relay slave is a new pty, not the line', () => {
    assert.match(relay.slave, /^\/dev\/pts\/\d+$/);
    assert.notEqual(relay.slave, lineSlave);
  });

  test('host to guest: every byte value arrives unchanged', async () => {
    const data = allBytes();
    const got = collect(guest, data.length);
    for (let i = 0; i < data.length; i += 100) host.write(data.subarray(i, i + 100));
    assert.deepEqual(await got, data);
  });

  test('guest to host: every byte value arrives unchanged (no CR added before LF)', async () => {
    const data = allBytes().reverse();
    const got = collect(host, data.length);
    guest.write(data);
    assert.deepEqual(await got, data);
    assert.equal(relay.counts.toLine, data.length);
  });

  test('both directions at once, in frame-sized chunks', async () => {
    const up = Buffer.alloc(8192, 0x7e);
    const down = Buffer.alloc(8192, 0x0d);
    const gotUp = collect(host, up.length);
    const gotDown = collect(guest, down.length);
    for (let i = 0; i < up.length; i += 72) {
      guest.write(up.subarray(i, i + 72));
      host.write(down.subarray(i, i + 72));
    }
    assert.deepEqual(await gotUp, up);
    assert.deepEqual(await gotDown, down);
  });

  test('an unopenable line is an error and leaks no pty', () => {
    assert.throws(() => openPtyRelay('/dev/no-such-tty'), /ENOENT/);
  });

  test('makeRaw on something that is not a tty says which call failed', () => {
    const fd = openSync('/dev/null', constants.O_RDONLY);
    try {
      assert.throws(() => makeRaw(fd), /tcgetattr/);
    } finally {
      closeSync(fd);
    }
  });
});
