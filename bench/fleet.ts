/**
 * Fleet sweep: N endpoints, each answering after a latency; every endpoint's commands are issued
 * together (its queue serialises them, endpoints overlap). Run one size per process
 * (`node --import tsx bench/fleet.ts N`) so peak RSS is that size's own; prints one JSON line.
 *
 * Per size, in the same process: the floor (N × 3 chained `setTimeout(latency)`, no library
 * code), a cheap device (a canned-reply transport answering after the latency: the library's
 * cost) and emulated Type 3 devices; several sweeps each, median and best. Also the library's
 * heap per open endpoint.
 */
import { emulatorTransport } from '../src/emulator/link.js';
import { Type3Device } from '../src/emulator/type3.js';
import { Context } from '../src/endpoint/context.js';
import type { Endpoint } from '../src/endpoint/endpoint.js';
import { mapSettled } from '../src/endpoint/fleet.js';
import { cannedReply, cannedTransport, IDENTIFY_PAYLOAD } from './canned.js';

/** What each endpoint is asked in a sweep (the label the results carry). */
export const SWEEP_LABEL = 'identify + get_timestamp + bg_op_status';
export const defaultSweep: ((ep: Endpoint) => Promise<unknown>)[] = [
  (ep) => ep.identify(),
  (ep) => ep.getTimestamp(),
  (ep) => ep.bgOpStatus(),
];
/** The canned device answers Identify to all three (the floor and it both do 3 round trips). */
const cannedSweep: ((ep: Endpoint) => Promise<unknown>)[] = [
  (ep) => ep.identify(),
  (ep) => ep.identify(),
  (ep) => ep.identify(),
];

export interface SweepStats {
  medianMs: number;
  bestMs: number;
  runs: number;
  failures: number;
}

export interface FleetResult {
  endpoints: number;
  latencyMs: number;
  commandsPerEndpoint: number;
  sweep: string;
  /** N × 3 chained setTimeout(latency): what Node alone takes. */
  floor: SweepStats;
  /** Canned-reply transport answering after the latency (identify × 3). */
  cheap: SweepStats;
  /** Emulated Type 3 devices at the latency. */
  emulated: SweepStats;
  /** Emulated Type 3 devices at zero latency: pure CPU per command. */
  emulatedNoLatency: SweepStats;
  cpuUsPerCommand: number;
  /** Heap per open endpoint over a canned transport (the library's own state). */
  libraryKiBPerEndpoint: number;
  /** Heap per open endpoint with its emulated Type 3 device. */
  emulatedKiBPerEndpoint: number;
  peakRssMiB: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function timeRuns(runs: number, once: () => Promise<number>): Promise<SweepStats> {
  await once(); // warm-up: JIT and first-use allocations are not what a polling controller pays
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    failures += await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[times.length >> 1], bestMs: times[0], runs, failures };
}

function sweepAll(eps: Endpoint[], sweep: ((ep: Endpoint) => Promise<unknown>)[]): () => Promise<number> {
  return async () => {
    const r = await mapSettled(eps, (ep) => Promise.all(sweep.map((s) => s(ep))), {
      concurrency: eps.length,
    });
    return r.filter((x) => !x.ok).length;
  };
}

export async function fleetSweep(n: number, latencyMs: number, runs: number): Promise<FleetResult> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);

  const floor = await timeRuns(runs, async () => {
    await Promise.all(
      Array.from({ length: n }, async () => {
        for (let i = 0; i < 3; i++) await sleep(latencyMs);
      }),
    );
    return 0;
  });

  const ctx = new Context({ probe: false });
  const cheapEps: Endpoint[] = [];
  const heapCheap = process.memoryUsage().heapUsed;
  const reply = cannedReply(0x0001, IDENTIFY_PAYLOAD);
  for (let i = 0; i < n; i++) {
    cheapEps.push(await ctx.openTransport(cannedTransport(reply.slice(), 0, latencyMs)));
  }
  const libraryKiBPerEndpoint = (process.memoryUsage().heapUsed - heapCheap) / 1024 / n;
  const cheap = await timeRuns(runs, sweepAll(cheapEps, cannedSweep));
  await Promise.all(cheapEps.map((ep) => ep.close()));

  const heap0 = process.memoryUsage().heapUsed;
  const eps: Endpoint[] = [];
  for (let i = 0; i < n; i++) {
    const dev = new Type3Device({ serialNumber: BigInt(i) });
    eps.push(await ctx.openTransport(emulatorTransport(dev, { latencyMs })));
  }
  const emulatedKiBPerEndpoint = (process.memoryUsage().heapUsed - heap0) / 1024 / n;
  const emulated = await timeRuns(runs, sweepAll(eps, defaultSweep));
  const links = eps.map((ep) => (ep.transport as unknown as { link: { latencyMs: number } }).link);
  for (const l of links) l.latencyMs = 0;
  const emulatedNoLatency = await timeRuns(runs, sweepAll(eps, defaultSweep));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await ctx.close();
  return {
    endpoints: n,
    latencyMs,
    commandsPerEndpoint: defaultSweep.length,
    sweep: SWEEP_LABEL,
    floor,
    cheap,
    emulated,
    emulatedNoLatency,
    cpuUsPerCommand: (emulatedNoLatency.medianMs * 1000) / (n * defaultSweep.length),
    libraryKiBPerEndpoint,
    emulatedKiBPerEndpoint,
    peakRssMiB: peak / 2 ** 20,
  };
}

// As a child process: one size, one JSON line.
if (process.argv[1]?.endsWith('fleet.ts')) {
  const n = Number(process.argv[2] ?? 1000);
  const latency = Number(process.argv[3] ?? 2);
  const runs = Number(process.argv[4] ?? 5);
  const r = await fleetSweep(n, latency, runs);
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
