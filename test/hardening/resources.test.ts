/**
 * Opening and closing many endpoints and timing out many commands leaves nothing behind: no
 * timers or handles, no unbounded memory, no unhandled rejections.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import { CxlmiTimeoutError } from '../../src/errors.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('resources', () => {
  let unhandled = 0;
  const onUnhandled = () => {
    unhandled++;
  };
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => process.off('unhandledRejection', onUnhandled));

  it('10,000 endpoints opened, used and closed leave no timers and no retained memory', async () => {
    const round = async () => {
      const ctx = new Context({ probe: false, log: () => {} });
      const device = new Type3Device();
      const eps = [];
      for (let i = 0; i < 10_000; i++) eps.push(await ctx.openTransport(emulatorTransport(device)));
      await Promise.all(eps.map((ep) => ep.identify()));
      await ctx.close();
      assert.equal(ctx.endpoints.length, 0);
    };
    await round();
    gc();
    const base = process.memoryUsage().heapUsed;
    const timersBefore = timers();
    for (let i = 0; i < 3; i++) await round();
    gc();
    const grown = process.memoryUsage().heapUsed - base;
    assert.ok(grown < 8 * 1024 * 1024, `heap grew by ${grown} bytes over 30,000 endpoints`);
    assert.equal(timers(), timersBefore);
  });

  it('thousands of timed-out commands leave no timers behind and reject cleanly', async () => {
    const ctx = new Context({ probe: false, log: () => {} });
    const silent = new Type3Device();
    silent.dispatch = () => null;
    const eps = await Promise.all(
      Array.from({ length: 2000 }, () => ctx.openTransport(emulatorTransport(silent), { timeoutMs: 5 })),
    );
    const timersBefore = timers();
    const results = await Promise.allSettled(eps.flatMap((ep) => [ep.identify(), ep.getTimestamp()]));
    assert.equal(results.length, 4000);
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof CxlmiTimeoutError));
    await ctx.close();
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(timers() <= timersBefore, `timers left: ${timers()} (before ${timersBefore})`);
    assert.equal(unhandled, 0);
  });
});
