/**
 * Fleet sweep: N emulated endpoints, each answering after a configurable latency; collect a few
 * commands from all of them with bounded concurrency. Reports wall time, cost per endpoint and
 * peak memory.
 */

import { emulatorTransport } from '../src/emulator/link.js';
import { Type3Device } from '../src/emulator/type3.js';
import { Context } from '../src/endpoint/context.js';
import type { Endpoint } from '../src/endpoint/endpoint.js';
import { mapSettled } from '../src/endpoint/fleet.js';

export interface FleetResult {
  endpoints: number;
  latencyMs: number;
  concurrency: number;
  commandsPerEndpoint: number;
  wallMs: number;
  perEndpointUs: number;
  peakRssMiB: number;
  heapUsedMiB: number;
  failures: number;
}

/** The commands a sweep collects from each endpoint (the command sets add theirs here). */
export type Sweep = (ep: Endpoint) => Promise<unknown>;

export const defaultSweep: Sweep[] = [
  (ep) => ep.identify(),
  (ep) => ep.getTimestamp(),
  (ep) => ep.bgOpStatus(),
];

export async function fleetSweep(
  n: number,
  latencyMs: number,
  concurrency: number,
  sweep: Sweep[] = defaultSweep,
): Promise<FleetResult> {
  const ctx = new Context({ probe: false });
  const eps: Endpoint[] = [];
  for (let i = 0; i < n; i++) {
    eps.push(
      await ctx.openTransport(emulatorTransport(new Type3Device({ serialNumber: BigInt(i) }), { latencyMs })),
    );
  }
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  // Each endpoint's commands are issued together: its queue serialises them, other endpoints overlap.
  const once = () => mapSettled(eps, (ep) => Promise.all(sweep.map((s) => s(ep))), { concurrency });
  await once(); // warm-up: JIT and first-use allocations are not what a polling fleet controller pays
  const t0 = performance.now();
  const results = await once();
  const wallMs = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const heap = process.memoryUsage().heapUsed;
  await ctx.close();
  return {
    endpoints: n,
    latencyMs,
    concurrency,
    commandsPerEndpoint: sweep.length,
    wallMs,
    perEndpointUs: (wallMs * 1000) / n,
    peakRssMiB: peak / 2 ** 20,
    heapUsedMiB: heap / 2 ** 20,
    failures: results.filter((r) => !r.ok).length,
  };
}
