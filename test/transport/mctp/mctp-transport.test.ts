import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cxlmi_new_ctx, cxlmi_open_mctp } from '../../../src/compat/context.js';
import { Context } from '../../../src/endpoint/context.js';
import {
  CxlmiAbortError,
  CxlmiTimeoutError,
  CxlmiTransportError,
  CxlmiUnavailableError,
  CxlmiUsageError,
} from '../../../src/errors.js';
import type { MctpDatagram } from '../../../src/transport/mctp/mctp-socket.js';
import { requestOf, responseBytes } from '../../helpers/links.js';
import { FakeClock, FakeMctpSocketOps } from './fake-mctp-socket.js';

/** A reply datagram from EID 9 on network 1, message type 0x08 unless told otherwise. */
const from = (data: Uint8Array, type = 0x08): MctpDatagram => ({
  data,
  from: { net: 1, eid: 9, type, tag: 0x01 },
});

/** Identify output (CXL r3.1 Table 8-38): vendor 0x1b36, device 0x5a5a, subsystem 0/0, serial, 2^11, Type 3. */
// prettier-ignore
const IDENTIFY_PAYLOAD = [
  0x36,
  0x1b,
  0x5a,
  0x5a,
  0x00,
  0x00,
  0x00,
  0x00,
  0x08,
  0x07,
  0x06,
  0x05,
  0x04,
  0x03,
  0x02,
  0x01, // serial 0x0102030405060708
  0x0b,
  0x03,
];

async function open(ops: FakeMctpSocketOps, extra: Record<string, unknown> = {}) {
  const ctx = new Context({ probe: false, log: () => {} });
  const ep = await ctx.openMctp(1, 9, { ops, ...extra });
  return { ctx, ep, sock: ops.sockets[0]! };
}

describe('MCTP transport (framing, tags, types, timeouts) over a fake peer', () => {
  it('frames Identify as a 12-byte CCI request and decodes the peer answer', async () => {
    const ops = new FakeMctpSocketOps();
    const { ctx, ep, sock } = await open(ops);
    sock.behaviour = (data) => [from(responseBytes({ ...requestOf(data), payload: IDENTIFY_PAYLOAD }))];
    const id = await ep.identify();
    assert.equal(ep.description, 'mctp:1,9');
    assert.equal(id.vendor_id, 0x1b36);
    assert.equal(id.serial_num, 0x0102030405060708n);
    assert.equal(id.component_type, 3);
    // CXL r3.1 Figure 7-19: category 0 (request), tag 0, reserved, command 0x01, command set 0x00,
    // payload length 0 (21 bits) with BO clear, return code 0, vendor status 0.
    assert.deepEqual(
      [...sock.sent[0]!.data],
      [0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
    );
    assert.deepEqual(sock.sent[0]!.to, { net: 1, eid: 9, type: 0x08, tag: 0x08 });
    await ctx.close();
    assert.equal(sock.closed, true);
  });

  it('each request gets the next tag; a stale reply with the old tag is discarded', async () => {
    const ops = new FakeMctpSocketOps();
    const discarded: string[] = [];
    const { ctx, ep, sock } = await open(ops, {
      onDiscard: (_d: MctpDatagram, why: string) => discarded.push(why),
    });
    sock.behaviour = (data) => [from(responseBytes({ ...requestOf(data), payload: [1, 2] }))];
    await ep.request(0xc000, Uint8Array.of(0xaa));
    // The late answer to tag 0 arrives first, then the answer to tag 1.
    sock.behaviour = (data) => [
      from(responseBytes({ tag: 0, opcode: 0xc000, payload: [9, 9] })),
      from(responseBytes({ ...requestOf(data), payload: [3, 4] })),
    ];
    const rsp = await ep.request(0xc000, Uint8Array.of(0xbb));
    assert.equal(sock.sent[1]!.data[1], 1, 'second request carries tag 1');
    assert.deepEqual([...rsp.payload], [3, 4]);
    assert.deepEqual(discarded, ['not the response to this request']);
    await ctx.close();
  });

  it('a reply for another opcode with the right tag is discarded, and the call then times out', async () => {
    const ops = new FakeMctpSocketOps();
    const { ctx, ep, sock } = await open(ops);
    sock.behaviour = (data) => [from(responseBytes({ tag: requestOf(data).tag, opcode: 0x0002 }))];
    await assert.rejects(ep.request(0x0001), CxlmiTimeoutError);
    await ctx.close();
  });

  it('FM-API commands go out as MCTP message type 0x07, the rest as 0x08', async () => {
    const ops = new FakeMctpSocketOps();
    const { ctx, ep, sock } = await open(ops);
    sock.behaviour = (data, to) => [from(responseBytes(requestOf(data)), to.type)];
    await ep.request(0x5100, new Uint8Array(), { fmapi: true });
    await ep.request(0x0300);
    assert.deepEqual(
      sock.sent.map((s) => s.to.type),
      [0x07, 0x08],
    );
    await ctx.close();
  });

  it('an endpoint that lists only message type 0x07 gets every message as 0x07 and has FM-API', async () => {
    const ops = new FakeMctpSocketOps();
    const { ctx, ep, sock } = await open(ops, { cci: false });
    sock.behaviour = (data, to) => [
      from(responseBytes({ ...requestOf(data), payload: IDENTIFY_PAYLOAD }), to.type),
    ];
    await ep.identify();
    assert.deepEqual(
      sock.sent.map((s) => s.to.type),
      [0x07],
    );
    assert.equal(ep.hasFmapi, true);
    await ctx.close();
  });

  it('the endpoint timeout and a per-command timeout bound the socket wait', async () => {
    const ops = new FakeMctpSocketOps();
    const { ctx, ep, sock } = await open(ops, { timeoutMs: 777, clock: new FakeClock() });
    await assert.rejects(ep.request(0x0001), CxlmiTimeoutError);
    await assert.rejects(ep.request(0x0001, new Uint8Array(), { timeoutMs: 1234 }), (e: unknown) => {
      assert.ok(e instanceof CxlmiTimeoutError);
      assert.equal(e.timeoutMs, 1234);
      return true;
    });
    assert.deepEqual(sock.waits, [777, 1234]);
    await ctx.close();
  });

  it("the caller's AbortSignal stops a wait with no timeout", async () => {
    const ops = new FakeMctpSocketOps();
    const { ctx, ep, sock } = await open(ops, { timeoutMs: 0 });
    sock.hang = true;
    const ac = new AbortController();
    const p = ep.request(0x0001, new Uint8Array(), { signal: ac.signal });
    setImmediate(() => ac.abort());
    await assert.rejects(p, CxlmiAbortError);
    await ctx.close();
  });

  it('payloads beyond the limit are refused before anything is sent', async () => {
    const ops = new FakeMctpSocketOps();
    const { ctx, ep, sock } = await open(ops, { maxPayload: 64 });
    await assert.rejects(ep.request(0xc000, new Uint8Array(65)), /carries at most 64/);
    assert.equal(sock.sent.length, 0);
    await ctx.close();
  });

  it('bad addresses are usage errors and open no socket', async () => {
    const ops = new FakeMctpSocketOps();
    const ctx = new Context({ probe: false, log: () => {} });
    await assert.rejects(ctx.openMctp(1, 0xff, { ops }), CxlmiUsageError);
    await assert.rejects(ctx.openMctp(-1, 8, { ops }), CxlmiUsageError);
    assert.equal(ops.sockets.length, 0);
  });

  it('a kernel without MCTP fails the open with a clear error, not a hang', async () => {
    const ops = new FakeMctpSocketOps();
    ops.openError = new CxlmiUnavailableError('MCTP sockets are not available: socket(AF_MCTP) failed', {
      errno: 97,
      errnoName: 'EAFNOSUPPORT',
      transport: 'mctp',
    });
    const ctx = new Context({ probe: false, log: () => {} });
    await assert.rejects(ctx.openMctp(1, 8, { ops }), (e: unknown) => e === ops.openError);
    assert.equal(ctx.endpoints.length, 0);
  });

  it('cxlmi_open_mctp on this machine: works, or fails with a typed error naming what is missing', async () => {
    const ctx = cxlmi_new_ctx(() => {}, 0);
    ctx.probe = false;
    try {
      const ep = await cxlmi_open_mctp(ctx, 1, 8);
      await ep.close();
    } catch (e) {
      assert.ok(e instanceof CxlmiTransportError, String(e));
      if (e.errno === 97) {
        assert.ok(e instanceof CxlmiUnavailableError);
        assert.match(e.message, /this kernel has no MCTP support/);
      }
    }
  });
});
