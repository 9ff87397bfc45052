import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiAbortError, CxlmiTimeoutError, CxlmiTransportError } from '../../../src/errors.js';
import { MctpChannel } from '../../../src/transport/mctp/mctp-channel.js';
import { FakeClock, FakeMctpSocket } from './fake-mctp-socket.js';

const PEER = { net: 1, eid: 9 };
const CCI = 0x08;
const FMAPI = 0x07;
/** A datagram from the peer as recvfrom reports it: tag bits of a response (TO clear). */
const reply = (
  data: number[],
  over: Partial<{ net: number; eid: number; type: number; tag: number }> = {},
) => ({
  data: Uint8Array.from(data),
  from: { net: 1, eid: 9, type: CCI, tag: 0x03, ...over },
});
/** This test's notion of "the answer": the first byte is 0xAA. */
const x = (over: Partial<{ type: number; timeoutMs: number; signal: AbortSignal }> = {}) => ({
  type: CCI,
  matches: (d: Uint8Array) => d[0] === 0xaa,
  timeoutMs: 500,
  opcode: 0x0001,
  ...over,
});

describe('MctpChannel', () => {
  it('sends to the peer with the tag-owner bit and the message type, and returns the matching reply', async () => {
    const clock = new FakeClock();
    const sock = new FakeMctpSocket(clock);
    sock.behaviour = () => [reply([0xaa, 1, 2], { type: FMAPI })];
    const ch = new MctpChannel(sock, PEER, { clock });
    assert.deepEqual([...(await ch.exchange(Uint8Array.of(0x10, 0x20), x({ type: FMAPI })))], [0xaa, 1, 2]);
    assert.deepEqual([...sock.sent[0]!.data], [0x10, 0x20]);
    // smctp_tag 0x08 = MCTP_TAG_OWNER: the kernel allocates the tag (include/uapi/linux/mctp.h)
    assert.deepEqual(sock.sent[0]!.to, { net: 1, eid: 9, type: FMAPI, tag: 0x08 });
    assert.deepEqual(sock.waits, [500]);
  });

  it('discards datagrams from another EID or network, of another type, requests, and stale replies', async () => {
    const sock = new FakeMctpSocket();
    sock.behaviour = () => [
      reply([0xaa], { eid: 10 }),
      reply([0xaa], { net: 2 }),
      reply([0xaa], { type: FMAPI }),
      reply([0xaa], { tag: 0x08 | 0x02 }),
      reply([0xbb, 0xff]),
      reply([0xaa, 7]),
    ];
    const why: string[] = [];
    const ch = new MctpChannel(sock, PEER, { onDiscard: (_d, w) => why.push(w) });
    assert.deepEqual([...(await ch.exchange(Uint8Array.of(1), x()))], [0xaa, 7]);
    assert.deepEqual(why, [
      'from EID 10',
      'from network 2',
      'message type 0x7',
      'a request, not a response',
      'not the response to this request',
    ]);
  });

  it('with network 0 (MCTP_NET_ANY) takes replies from whatever network the kernel reports', async () => {
    const sock = new FakeMctpSocket();
    sock.behaviour = () => [reply([0xaa], { net: 5 })];
    const ch = new MctpChannel(sock, { net: 0, eid: 9 });
    assert.deepEqual([...(await ch.exchange(Uint8Array.of(1), x()))], [0xaa]);
  });

  it('times out with a typed error naming the opcode when nothing arrives', async () => {
    const clock = new FakeClock();
    const sock = new FakeMctpSocket(clock);
    const ch = new MctpChannel(sock, PEER, { clock });
    await assert.rejects(ch.exchange(Uint8Array.of(1), x({ timeoutMs: 250 })), (e: unknown) => {
      assert.ok(e instanceof CxlmiTimeoutError);
      assert.equal(e.opcode, 0x0001);
      assert.equal(e.timeoutMs, 250);
      assert.equal(e.transport, 'mctp');
      return true;
    });
    assert.deepEqual(sock.waits, [250]);
  });

  it('after a stale reply, waits only for the time that is left', async () => {
    const clock = new FakeClock();
    const sock = new FakeMctpSocket(clock);
    sock.behaviour = () => [reply([0xbb])];
    sock.arrivalDelayMs = 40; // the stale reply arrives 40 ms in
    const ch = new MctpChannel(sock, PEER, { clock });
    await assert.rejects(ch.exchange(Uint8Array.of(1), x({ timeoutMs: 100 })), CxlmiTimeoutError);
    assert.deepEqual(sock.waits, [100, 60]);
  });

  it('a timeout of 0 waits without limit', async () => {
    const sock = new FakeMctpSocket();
    sock.behaviour = () => [reply([0xaa])];
    await new MctpChannel(sock, PEER).exchange(Uint8Array.of(1), x({ timeoutMs: 0 }));
    assert.deepEqual(sock.waits, [-1]);
  });

  it('an abort ends the wait with the reason the endpoint gave', async () => {
    const sock = new FakeMctpSocket();
    sock.hang = true;
    const ac = new AbortController();
    const p = new MctpChannel(sock, PEER).exchange(Uint8Array.of(1), x({ timeoutMs: 0, signal: ac.signal }));
    const reason = new CxlmiAbortError(0x0001, 'user stop');
    ac.abort(reason);
    await assert.rejects(p, (e: unknown) => e === reason);
  });

  it('keeps the minimum gap between the end of one exchange and the next message', async () => {
    const clock = new FakeClock();
    const sock = new FakeMctpSocket(clock);
    sock.behaviour = () => [reply([0xaa])];
    const ch = new MctpChannel(sock, PEER, { clock, minGapMs: 30 });
    await ch.exchange(Uint8Array.of(1), x());
    assert.deepEqual(clock.sleeps, [], 'no gap before the first message');
    clock.t += 12;
    await ch.exchange(Uint8Array.of(2), x());
    assert.deepEqual(clock.sleeps, [18]);
    clock.t += 45;
    await ch.exchange(Uint8Array.of(3), x());
    assert.deepEqual(clock.sleeps, [18], 'no sleep once the gap has passed');
  });

  it('the gap also follows an exchange that timed out', async () => {
    const clock = new FakeClock();
    const sock = new FakeMctpSocket(clock);
    const ch = new MctpChannel(sock, PEER, { clock, minGapMs: 50 });
    await assert.rejects(ch.exchange(Uint8Array.of(1), x({ timeoutMs: 10 })), CxlmiTimeoutError);
    sock.behaviour = () => [reply([0xaa])];
    await ch.exchange(Uint8Array.of(2), x());
    assert.deepEqual(clock.sleeps, [50]);
  });

  it('a send failure surfaces unchanged and nothing is awaited', async () => {
    const sock = new FakeMctpSocket();
    sock.sendError = new CxlmiTransportError('MCTP sendto() failed', {
      errno: 113,
      errnoName: 'EHOSTUNREACH',
    });
    await assert.rejects(
      new MctpChannel(sock, PEER).exchange(Uint8Array.of(1), x()),
      (e: unknown) => e === sock.sendError,
    );
    assert.deepEqual(sock.waits, []);
  });
});
