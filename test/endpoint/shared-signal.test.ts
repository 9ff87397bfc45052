/**
 * One AbortSignal shared by a whole sweep: one listener on it, however many commands and waits
 * use it, no MaxListenersExceededWarning, and aborting it still stops every one of them.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import { sleep } from '../../src/endpoint/sleep.js';
import { CxlmiAbortError } from '../../src/errors.js';

async function sweep(n: number, latencyMs: number) {
  const ctx = new Context({ probe: false, log: () => {} });
  const eps = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      ctx.openTransport(emulatorTransport(new Type3Device(), { description: `emulator:${i}`, latencyMs })),
    ),
  );
  return { ctx, eps };
}

function collectWarnings(): { warnings: Error[]; stop(): void } {
  const warnings: Error[] = [];
  const on = (w: Error) => warnings.push(w);
  process.on('warning', on);
  return { warnings, stop: () => process.off('warning', on) };
}

describe('a signal shared by a sweep', () => {
  it('commands on 50 endpoints (and 3 queued on each) add one listener, and no warning', async () => {
    const { ctx, eps } = await sweep(50, 20);
    const w = collectWarnings();
    try {
      const ac = new AbortController();
      const all = eps.flatMap((ep) => [1, 2, 3, 4].map(() => ep.getTimestamp({ signal: ac.signal })));
      assert.equal(getEventListeners(ac.signal, 'abort').length, 1);
      await Promise.all(all);
      // Sleeps of a background-operation wait share it too.
      const sleeps = Array.from({ length: 30 }, () => sleep(5, ac.signal));
      assert.equal(getEventListeners(ac.signal, 'abort').length, 1);
      await Promise.all(sleeps);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(
        w.warnings.filter((x) => x.name === 'MaxListenersExceededWarning').map((x) => x.message),
        [],
      );
    } finally {
      w.stop();
      await ctx.close();
    }
  });

  it('aborting it stops every command in flight or queued, and every sleep', async () => {
    const { ctx, eps } = await sweep(20, 200);
    try {
      const ac = new AbortController();
      const calls = eps.flatMap((ep) => [
        ep.getTimestamp({ signal: ac.signal }),
        ep.identify({ signal: ac.signal }),
      ]);
      const sleeps = [sleep(10_000, ac.signal), sleep(10_000, ac.signal)];
      ac.abort(new Error('stop'));
      const results = await Promise.allSettled([...calls, ...sleeps]);
      assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof CxlmiAbortError));
      // The endpoints are usable afterwards, with a fresh signal.
      assert.equal(
        typeof (await eps[0].getTimestamp({ signal: new AbortController().signal })).timestamp,
        'bigint',
      );
    } finally {
      await ctx.close();
    }
  });

  it('a settled command leaves nothing behind on a long-lived signal', async () => {
    const { ctx, eps } = await sweep(1, 0);
    try {
      const ac = new AbortController();
      for (let i = 0; i < 100; i++) await eps[0].getTimestamp({ signal: ac.signal });
      assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
      // Aborting afterwards calls nothing stale (no unhandled rejection, no late failure).
      ac.abort();
      assert.equal(typeof (await eps[0].getTimestamp()).timestamp, 'bigint');
    } finally {
      await ctx.close();
    }
  });
});
