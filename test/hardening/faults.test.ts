/**
 * Each emulator fault gives its typed error, the endpoint stays usable for the next command, and
 * other endpoints in a concurrent sweep are unaffected.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultFabric } from '../../src/emulator/fabric/index.js';
import type { Fault } from '../../src/emulator/faults.js';
import { EmulatorLink } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import { mapSettled } from '../../src/endpoint/fleet.js';
import {
  CxlmiAbortError,
  CxlmiCommandError,
  CxlmiDecodeError,
  CxlmiProtocolError,
  CxlmiTimeoutError,
} from '../../src/errors.js';
import { CXLMI_RET_BUSY, CXLMI_RET_INTERNAL } from '../../src/protocol/retcodes.js';
import { MessageTransport } from '../../src/transport/message-link.js';
import { tunnelSwitch } from '../../src/transport/tunnel-info.js';

async function faulty() {
  const ctx = new Context({ probe: false, log: () => {} });
  const link = new EmulatorLink(new Type3Device());
  const ep = await ctx.openTransport(new MessageTransport(link), { timeoutMs: 30 });
  return { ctx, link, ep };
}

const CASES: [string, Fault, (e: unknown) => boolean][] = [
  ['delay past the timeout', { kind: 'delay', ms: 200 }, (e) => e instanceof CxlmiTimeoutError],
  ['no answer', { kind: 'drop' }, (e) => e instanceof CxlmiTimeoutError],
  ['truncated inside the header', { kind: 'truncate', length: 7 }, (e) => e instanceof CxlmiProtocolError],
  [
    'truncated payload (length now lies)',
    { kind: 'truncate', length: 20 },
    (e) => e instanceof CxlmiProtocolError,
  ],
  ['wrong tag', { kind: 'wrong-tag' }, (e) => e instanceof CxlmiProtocolError && /tag/.test(e.message)],
  [
    'wrong opcode',
    { kind: 'wrong-opcode' },
    (e) => e instanceof CxlmiProtocolError && /opcode/.test(e.message),
  ],
  [
    'category turned into a request',
    { kind: 'corrupt-header', byte: 0, xor: 1 },
    (e) => e instanceof CxlmiProtocolError,
  ],
  [
    'length field that lies',
    { kind: 'lying-length', length: 0x1fffff },
    (e) => e instanceof CxlmiProtocolError,
  ],
  ['busy', { kind: 'busy' }, (e) => e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_BUSY],
  [
    'internal error with vendor status',
    { kind: 'retcode', code: CXLMI_RET_INTERNAL, vendorStatus: 0x42 },
    (e) => e instanceof CxlmiCommandError && e.vendorStatus === 0x42,
  ],
];

describe('emulator faults', () => {
  for (const [what, fault, check] of CASES) {
    it(`${what}: typed error, then the endpoint works again`, async () => {
      const { ctx, link, ep } = await faulty();
      link.faults.add({ fault, times: 1 });
      await assert.rejects(ep.identify(), check);
      assert.equal((await ep.identify()).component_type, 3);
      await ctx.close();
    });
  }

  it('an oversized response decodes, keeping the extra bytes', async () => {
    const { ctx, link, ep } = await faulty();
    link.faults.add({ fault: { kind: 'oversize', extra: 5 }, times: 1 });
    const id = await ep.identify();
    assert.equal(id._extra?.length, 5);
    await ctx.close();
  });

  it('a well-formed message with a short payload is a decode error naming the field', async () => {
    const { ctx, link, ep } = await faulty();
    // Identify's payload is 18 bytes; cutting 4 ends it inside serial_num (offset 8, 8 bytes).
    link.faults.add({ fault: { kind: 'short-payload', cut: 4 }, times: 1 });
    await assert.rejects(
      ep.identify(),
      (e: unknown) => e instanceof CxlmiDecodeError && e.field === 'serial_num' && e.command === 'identify',
    );
    assert.equal((await ep.identify()).component_type, 3);
    await ctx.close();
  });

  it('a background operation that never ends: the wait is cancellable and the device still answers', async () => {
    const { ctx, link, ep } = await faulty();
    link.faults.add({ fault: { kind: 'stuck-background' }, opcode: 0x4400, times: 1 });
    const started = await ep.sanitize({ timeoutMs: 1000 });
    assert.equal(started.background, true);
    await assert.rejects(
      ep.waitForBackgroundOperation({ intervalMs: 10, signal: AbortSignal.timeout(150) }),
      (e: unknown) => e instanceof CxlmiAbortError,
    );
    const s = await ep.bgOpStatus();
    assert.equal(s.status_bits.in_progress, true, 'still running, as a hung device would be');
    await ep.requestBgOpAbort();
    assert.equal((await ep.bgOpStatus()).status_bits.in_progress, false);
    assert.equal((await ep.identify()).component_type, 3);
    await ctx.close();
  });

  it('a tunnel reply carrying an error: the tunneled command fails with that code, the endpoint goes on', async () => {
    const ctx = new Context({ probe: false, log: () => {} });
    const sw = defaultFabric()
      .endpoints()
      .find((e) => e.name.startsWith('switch'));
    assert.ok(sw);
    const link = new EmulatorLink(sw.device, { fmapi: true });
    const ep = await ctx.openTransport(new MessageTransport(link));
    link.faults.add({
      fault: { kind: 'tunnel-inner-error', code: CXLMI_RET_INTERNAL, vendorStatus: 7 },
      times: 1,
    });
    await assert.rejects(
      ep.identify({ tunnel: tunnelSwitch(1) }),
      (e: unknown) =>
        e instanceof CxlmiCommandError &&
        e.command === 'identify' &&
        e.retcode === CXLMI_RET_INTERNAL &&
        e.vendorStatus === 7,
    );
    assert.equal((await ep.identify({ tunnel: tunnelSwitch(1) })).component_type, 3);
    await ctx.close();
  });

  it('faults can target one command only', async () => {
    const { ctx, link, ep } = await faulty();
    link.faults.add({ fault: { kind: 'busy' }, opcode: 0x0300 });
    assert.equal((await ep.identify()).component_type, 3);
    await assert.rejects(ep.getTimestamp(), CxlmiCommandError);
    await assert.rejects(ep.getTimestamp(), CxlmiCommandError);
    link.faults.clear();
    await ep.getTimestamp();
    await ctx.close();
  });

  it('a faulted endpoint does not disturb the others in a concurrent sweep', async () => {
    const ctx = new Context({ probe: false, log: () => {} });
    const links = Array.from({ length: 20 }, () => new EmulatorLink(new Type3Device(), { latencyMs: 1 }));
    const eps = await Promise.all(
      links.map((l) => ctx.openTransport(new MessageTransport(l), { timeoutMs: 50 })),
    );
    links[3].faults.add({ fault: { kind: 'drop' } });
    links[7].faults.add({ fault: { kind: 'wrong-tag' } });
    links[11].faults.add({ fault: { kind: 'busy' } });
    const results = await mapSettled(eps, async (ep) => {
      await ep.identify();
      return ep.getTimestamp();
    });
    const failed = results.flatMap((r, i) => (r.ok ? [] : [i]));
    assert.deepEqual(failed, [3, 7, 11]);
    await ctx.close();
  });
});
