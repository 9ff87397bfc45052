import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import {
  CxlmiAbortError,
  CxlmiClosedError,
  CxlmiCommandError,
  CxlmiDecodeError,
  CxlmiProtocolError,
  CxlmiTimeoutError,
  CxlmiTransportError,
  CxlmiUsageError,
} from '../../src/errors.js';
import { CXLMI_RET_UNSUPPORTED } from '../../src/protocol/retcodes.js';
import { MessageTransport } from '../../src/transport/message-link.js';
import type { CciRequest, CciResponse, Transport } from '../../src/transport/transport.js';
import { requestOf, responseBytes, ScriptedLink } from '../helpers/links.js';

const quiet = () => new Context({ probe: false, log: () => {} });

describe('Endpoint over the emulator', () => {
  it('identify resolves with the device identity', async () => {
    const ctx = quiet();
    const ep = await ctx.openTransport(emulatorTransport(new Type3Device({ serialNumber: 0xabcdn })));
    const id = await ep.identify();
    assert.equal(id.serial_num, 0xabcdn);
    assert.equal(id.component_type, 3);
    await ctx.close();
  });

  it('probing at open remembers the identity; a failing probe does not stop the open', async () => {
    const ctx = new Context({ log: () => {} });
    const ep = await ctx.openTransport(emulatorTransport(new Type3Device({ vendorId: 0x1234 })));
    assert.equal(ep.identity?.vendor_id, 0x1234);
    const warnings: string[] = [];
    const ctx2 = new Context({ log: (_l, m) => warnings.push(m) });
    const dead = new MessageTransport(
      new ScriptedLink((m) => responseBytes({ ...requestOf(m), retcode: 3 })),
    );
    const ep2 = await ctx2.openTransport(dead);
    assert.equal(ep2.identity, undefined);
    assert.match(warnings.join(), /probe of scripted failed/);
  });

  it('timestamps set and read back advance with the device clock', async () => {
    let now = 1000;
    const dev = new Type3Device({ clock: () => now });
    const ep = await quiet().openTransport(emulatorTransport(dev));
    assert.equal((await ep.getTimestamp()).timestamp, 0n, 'never set: 0');
    await ep.setTimestamp({ timestamp: 5_000_000_000n });
    now += 1.5;
    assert.equal((await ep.getTimestamp()).timestamp, 5_001_500_000n);
  });

  it('an unsupported command throws CxlmiCommandError with the code and its name', async () => {
    const ep = await quiet().openTransport(emulatorTransport(new Type3Device()));
    const rsp = await ep.request(0x4fff);
    assert.equal(rsp.retcode, CXLMI_RET_UNSUPPORTED);
    const dev = new Type3Device();
    dev.unhandle((await import('../../src/commands/generic/timestamp.js')).getTimestamp);
    const ep2 = await quiet().openTransport(emulatorTransport(dev));
    await assert.rejects(
      ep2.getTimestamp(),
      (e: unknown) =>
        e instanceof CxlmiCommandError &&
        e.retcode === CXLMI_RET_UNSUPPORTED &&
        e.retcodeName === 'CXLMI_RET_UNSUPPORTED' &&
        e.command === 'get_timestamp' &&
        /Unsupported/.test(e.message),
    );
  });

  it('a vendor status travels with the command error', async () => {
    const link = new ScriptedLink((m) => responseBytes({ ...requestOf(m), retcode: 0x04, vendor: 0xbeef }));
    const ep = await quiet().openTransport(new MessageTransport(link));
    await assert.rejects(
      ep.identify(),
      (e: unknown) => e instanceof CxlmiCommandError && e.vendorStatus === 0xbeef,
    );
  });
});

describe('Endpoint: malformed responses', () => {
  const open = async (reply: (m: Uint8Array) => Uint8Array) =>
    quiet().openTransport(new MessageTransport(new ScriptedLink(reply)));

  it('wrong tag, wrong opcode, wrong category and lying length are protocol errors', async () => {
    const cases: [string, (m: Uint8Array) => Uint8Array, RegExp][] = [
      ['tag', (m) => responseBytes({ tag: requestOf(m).tag + 1, opcode: 1 }), /tag/],
      ['opcode', (m) => responseBytes({ tag: requestOf(m).tag, opcode: 2 }), /opcode 0x0002/],
      ['category', (m) => responseBytes({ tag: requestOf(m).tag, opcode: 1, category: 0 }), /got a request/],
      [
        'length',
        (m) => responseBytes({ tag: requestOf(m).tag, opcode: 1, lengthField: 40, payload: [1] }),
        /says its payload is 40/,
      ],
      ['short', () => new Uint8Array(5), /too short/],
    ];
    for (const [what, reply, re] of cases) {
      const ep = await open(reply);
      await assert.rejects(
        ep.identify(),
        (e: unknown) => e instanceof CxlmiProtocolError && re.test(e.message),
        what,
      );
    }
  });

  it('a short payload is a decode error naming the command and field', async () => {
    const ep = await open((m) => responseBytes({ ...requestOf(m), payload: [1, 2, 3, 4, 5] }));
    await assert.rejects(
      ep.identify(),
      (e: unknown) =>
        e instanceof CxlmiDecodeError &&
        e.command === 'identify' &&
        e.field === 'subsys_vendor_id' &&
        e.offset === 4,
    );
  });

  it('an oversized payload decodes and keeps the extra bytes', async () => {
    const payload = [...new Array(18).fill(0), 0xaa, 0xbb];
    const ep = await open((m) => responseBytes({ ...requestOf(m), payload }));
    const id = await ep.identify();
    assert.deepEqual([...(id._extra as Uint8Array)], [0xaa, 0xbb]);
  });

  it('a transport that throws a plain error is wrapped in CxlmiTransportError with the cause', async () => {
    const boom = new Error('wire fell out');
    const t: Transport = {
      kind: 'broken',
      description: 'broken',
      maxPayload: 100,
      request: () => Promise.reject(boom),
      close() {},
    };
    const ep = await quiet().openTransport(t);
    await assert.rejects(ep.identify(), (e: unknown) => e instanceof CxlmiTransportError && e.cause === boom);
  });
});

describe('Endpoint: timeouts, aborts, closing', () => {
  const silent = () => {
    const dev = new Type3Device();
    dev.dispatch = () => null; // a device that never answers
    return dev;
  };

  it('times out with CxlmiTimeoutError and the transport sees the abort', async () => {
    const ep = await quiet().openTransport(emulatorTransport(silent()), { timeoutMs: 20 });
    await assert.rejects(ep.identify(), (e: unknown) => e instanceof CxlmiTimeoutError && e.timeoutMs === 20);
    await assert.rejects(
      ep.identify({ timeoutMs: 5 }),
      (e: unknown) => e instanceof CxlmiTimeoutError && e.timeoutMs === 5,
    );
  });

  it('the endpoint is usable after a timeout', async () => {
    const dev = new Type3Device();
    const real = dev.dispatch.bind(dev);
    let mute = true;
    dev.dispatch = (m) => (mute ? null : real(m));
    const ep = await quiet().openTransport(emulatorTransport(dev), { timeoutMs: 10 });
    await assert.rejects(ep.identify(), CxlmiTimeoutError);
    mute = false;
    assert.equal((await ep.identify()).component_type, 3);
  });

  it('a request that finds the queue idle after a loop turn is timed by the parked watchdog, and never early', async () => {
    const dev = new Type3Device();
    const real = dev.dispatch.bind(dev);
    let mute = false;
    dev.dispatch = (m) => (mute ? null : real(m));
    const ep = await quiet().openTransport(emulatorTransport(dev), { timeoutMs: 60 });
    const idle = () => new Promise((r) => setImmediate(r));
    const refTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await idle();
    await idle(); // earlier tests' idle endpoints have parked their watchdogs
    const before = refTimers();
    await ep.identify(); // the watchdog is armed for this one
    assert.equal(refTimers(), before + 1, 'the watchdog is armed');
    await idle();
    await idle(); // the queue has been idle a whole turn: its watchdog is parked
    mute = true;
    let t0 = performance.now();
    await assert.rejects(ep.identify(), (e: unknown) => e instanceof CxlmiTimeoutError && e.timeoutMs === 60);
    assert.ok(performance.now() - t0 >= 59, 'not before its timeout');
    mute = false;
    await ep.identify();
    await idle();
    await idle();
    // A longer timeout than the parked timer was set for: still not early.
    mute = true;
    t0 = performance.now();
    await assert.rejects(ep.identify({ timeoutMs: 90 }), CxlmiTimeoutError);
    assert.ok(performance.now() - t0 >= 89, 'not before its timeout');
    // The endpoint is idle again and holds nothing that keeps the process alive.
    mute = false;
    await ep.identify();
    await idle();
    await idle();
    assert.equal(refTimers(), before, 'no timer holds the process open');
  });

  it('an AbortSignal cancels a waiting command, and an aborted signal never sends', async () => {
    const ep = await quiet().openTransport(emulatorTransport(silent()), { timeoutMs: 0 });
    const ac = new AbortController();
    const p = ep.identify({ signal: ac.signal });
    ac.abort(new Error('user gave up'));
    await assert.rejects(p, CxlmiAbortError);
    const link = new ScriptedLink((m) => responseBytes(requestOf(m)));
    const ep2 = await quiet().openTransport(new MessageTransport(link));
    await assert.rejects(ep2.identify({ signal: AbortSignal.abort() }), CxlmiAbortError);
    assert.equal(link.sent.length, 0);
  });

  it('commands sharing one long-lived signal leave no abort listeners behind', async () => {
    const ep = await quiet().openTransport(emulatorTransport(new Type3Device()));
    const ac = new AbortController();
    for (let i = 0; i < 50; i++) await ep.identify({ signal: ac.signal });
    await Promise.all(Array.from({ length: 50 }, () => ep.getTimestamp({ signal: ac.signal })));
    assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
  });

  it('rejects bad timeouts with RangeError', async () => {
    const ep = await quiet().openTransport(emulatorTransport(new Type3Device()));
    assert.throws(() => {
      ep.timeoutMs = -1;
    }, RangeError);
    assert.throws(() => {
      ep.timeoutMs = 1.5;
    }, RangeError);
    ep.timeoutMs = 250;
    assert.equal(ep.timeoutMs, 250);
  });

  it('commands after close fail with CxlmiClosedError; close twice is fine', async () => {
    const ctx = quiet();
    const ep = await ctx.openTransport(emulatorTransport(new Type3Device()));
    assert.equal(ctx.endpoints.length, 1);
    await ep.close();
    await ep.close();
    assert.equal(ctx.endpoints.length, 0);
    await assert.rejects(ep.identify(), CxlmiClosedError);
  });
});

describe('Endpoint: serialisation and concurrency', () => {
  /** A transport that answers after a delay and records how many requests overlap. */
  class Recorder implements Transport {
    readonly kind = 'recorder';
    readonly description = 'recorder';
    readonly maxPayload = 64;
    inFlight = 0;
    maxInFlight = 0;
    order: number[] = [];
    constructor(readonly delayMs: number) {}
    async request(req: CciRequest): Promise<CciResponse> {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      this.order.push(req.payload[0] ?? -1);
      await new Promise((r) => setTimeout(r, this.delayMs));
      this.inFlight--;
      return {
        opcode: req.opcode,
        retcode: 0,
        vendorStatus: 0,
        background: false,
        payload: new Uint8Array(0),
      };
    }
    close() {}
  }

  it('concurrent calls on one endpoint never overlap and keep their order', async () => {
    const t = new Recorder(2);
    const ep = await quiet().openTransport(t);
    await Promise.all(Array.from({ length: 10 }, (_, i) => ep.setTimestamp({ timestamp: BigInt(i) })));
    assert.equal(t.maxInFlight, 1);
    assert.deepEqual(t.order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('different endpoints run at the same time', async () => {
    const ts = Array.from({ length: 5 }, () => new Recorder(10));
    const ctx = quiet();
    const eps = await Promise.all(ts.map((t) => ctx.openTransport(t)));
    let overlap = 0;
    let active = 0;
    await Promise.all(
      eps.map(async (ep) => {
        active++;
        overlap = Math.max(overlap, active);
        await ep.setTimestamp({ timestamp: 1n });
        active--;
      }),
    );
    assert.equal(overlap, 5);
  });

  it('a failed command does not block the queue', async () => {
    let n = 0;
    const link = new ScriptedLink((m) =>
      responseBytes({ ...requestOf(m), retcode: n++ === 0 ? 2 : 0, payload: [] }),
    );
    const ep = await quiet().openTransport(new MessageTransport(link));
    const a = ep.setTimestamp({ timestamp: 1n });
    const b = ep.setTimestamp({ timestamp: 2n });
    await assert.rejects(a, CxlmiCommandError);
    await b;
  });
});

describe('Endpoint: input checks and FM-API state', () => {
  it('bad request values throw before anything is sent', async () => {
    const link = new ScriptedLink((m) => responseBytes(requestOf(m)));
    const ep = await quiet().openTransport(new MessageTransport(link));
    await assert.rejects(ep.setTimestamp({ timestamp: -1n }), RangeError);
    await assert.rejects(ep.setTimestamp({} as never), TypeError);
    await assert.rejects(ep.request(0x10000), RangeError);
    await assert.rejects(ep.request(1, new Uint8Array(5000)), /carries at most 4096/);
    assert.equal(link.sent.length, 0);
  });

  it('FM-API can only be enabled where the transport offers it', async () => {
    const ep = await quiet().openTransport(emulatorTransport(new Type3Device()));
    assert.equal(ep.hasFmapi, false);
    assert.equal(ep.enableFmapi(), false);
    await assert.rejects(
      ep.getLdInfo(),
      (e: unknown) => e instanceof CxlmiUsageError && /not available/.test(e.message),
    );
    const ep2 = await quiet().openTransport(emulatorTransport(new Type3Device(), { fmapi: true }));
    assert.equal(ep2.hasFmapi, true);
    assert.equal(ep2.fmapiEnabled, true);
    ep2.disableFmapi();
    assert.equal(ep2.fmapiEnabled, false);
    await assert.rejects(
      ep2.getLdInfo(),
      (e: unknown) => e instanceof CxlmiUsageError && /is disabled/.test(e.message),
    );
    assert.equal(ep2.enableFmapi(), true);
    // Enabled again, the command reaches the device (a plain Type 3 device does not implement it).
    await assert.rejects(ep2.getLdInfo(), (e: unknown) => e instanceof CxlmiCommandError && e.retcode === 3);
  });

  it('raw requests return any return code without throwing', async () => {
    const ep = await quiet().openTransport(emulatorTransport(new Type3Device()));
    const r = await ep.request(0x0001);
    assert.equal(r.retcode, 0);
    assert.equal(r.payload.length, 18);
  });
});
