import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import {
  CxlmiAbortError,
  CxlmiClosedError,
  CxlmiTransportError,
  CxlmiUnavailableError,
} from '../../../src/errors.js';
import { nativeMctpSocketOps, nativeSocketFromFd } from '../../../src/transport/mctp/native-mctp-socket.js';

const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
const lib = koffi.load('libc.so.6');
const socketpair = lib.func('int socketpair(int domain, int type, int protocol, _Out_ int *sv)');
const send = lib.func('intptr_t send(int fd, void *buf, size_t len, int flags)');
const close = lib.func('int close(int fd)');
const AF_UNIX = 1;
const SOCK_DGRAM = 2;

/** How many of this process's descriptors are sockets / eventfds. */
function openKinds(): { sockets: number; eventfds: number } {
  let sockets = 0;
  let eventfds = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target = '';
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {}
    if (target.startsWith('socket:')) sockets++;
    if (target === 'anon_inode:[eventfd]') eventfds++;
  }
  return { sockets, eventfds };
}

/** A real AF_UNIX datagram pair: [ours (wrapped), the peer's raw fd]. */
function pair(): [ReturnType<typeof nativeSocketFromFd>, number] {
  const sv = [0, 0];
  assert.equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
  return [nativeSocketFromFd(sv[0]!), sv[1]!];
}

describe('native socket path (poll, eventfd wake-up, recvfrom) on real descriptors', () => {
  it('socket(AF_MCTP) either works or fails with a typed error naming missing kernel support', async () => {
    let s: ReturnType<typeof nativeMctpSocketOps.open>;
    try {
      s = nativeMctpSocketOps.open();
    } catch (e) {
      assert.ok(e instanceof CxlmiTransportError);
      if (e.errno === 97) {
        assert.ok(e instanceof CxlmiUnavailableError);
        assert.equal(e.errnoName, 'EAFNOSUPPORT');
        assert.match(
          e.message,
          /socket\(AF_MCTP\) failed \(EAFNOSUPPORT 97\): this kernel has no MCTP support/,
        );
      }
      return;
    }
    await s.close();
  });

  it('reports a queued datagram, receives it whole, then reports nothing queued', async () => {
    const [s, peer] = pair();
    const msg = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    assert.equal(Number(send(peer, msg, msg.length, 0)), 13);
    assert.equal(await s.waitReadable(5000), true);
    assert.deepEqual([...s.receive()!.data], [...msg]);
    assert.equal(s.receive(), undefined);
    await s.close();
    close(peer);
  });

  it('grows its receive buffer for a datagram larger than 4 KiB', async () => {
    const [s, peer] = pair();
    const big = Buffer.alloc(9000, 0x5a);
    assert.equal(Number(send(peer, big, big.length, 0)), 9000);
    assert.equal(await s.waitReadable(5000), true);
    assert.equal(s.receive()!.data.length, 9000);
    await s.close();
    close(peer);
  });

  it('a wait with nothing queued ends with false after its timeout', async () => {
    const [s, peer] = pair();
    assert.equal(await s.waitReadable(1), false);
    await s.close();
    close(peer);
  });

  it('an abort wakes a wait that has no time limit', async () => {
    const [s, peer] = pair();
    const ac = new AbortController();
    const waiting = s.waitReadable(-1, ac.signal);
    setImmediate(() => ac.abort());
    await assert.rejects(waiting, CxlmiAbortError);
    await s.close();
    close(peer);
  });

  it('close wakes a pending wait and later calls fail clearly', async () => {
    const [s, peer] = pair();
    const waiting = s.waitReadable(-1);
    const closing = new Promise<void>((resolve) => setImmediate(() => resolve(s.close())));
    await assert.rejects(waiting, CxlmiClosedError);
    await closing;
    assert.throws(() => s.receive(), CxlmiClosedError);
    close(peer);
  });

  it('many sockets waiting at once share one poll: none starves, each ends on its own', {
    timeout: 20000,
  }, async () => {
    // libuv has 4 pool threads: one blocking poll per socket would leave the ninth waiting here.
    const before = openKinds();
    const pairs = Array.from({ length: 9 }, () => pair());
    const aborts = pairs.map(() => new AbortController());
    const waits = pairs.map(([s], i) => s.waitReadable(-1, aborts[i]!.signal));
    const [last, lastPeer] = pairs[8]!;
    const msg = Buffer.from([0xaa]);
    assert.equal(Number(send(lastPeer, msg, 1, 0)), 1);
    assert.equal(await waits[8], true);
    assert.deepEqual([...last.receive()!.data], [0xaa]);
    // A short wait ends with false while the others keep waiting.
    assert.equal(await pairs[7]![0].waitReadable(1), false);
    for (const ac of aborts.slice(0, 8)) ac.abort();
    for (const w of waits.slice(0, 8)) await assert.rejects(w, CxlmiAbortError);
    for (const [s, peer] of pairs) {
      await s.close();
      close(peer);
    }
    // Every socket is closed again, and no socket brought an eventfd of its own.
    assert.deepEqual(openKinds(), before);
  });
});
