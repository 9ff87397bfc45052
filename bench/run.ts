/**
 * `npm run bench`: floors, codec, the whole stack (library alone and through the emulator),
 * tunnels, bytes allocated per call, fleet sweeps (one fresh process per size) and bulk transfers.
 * Prints tables (headline = means; ratios against floors measured in this same run) and writes
 * bench/results/latest.json plus a timestamped copy. CXLMI_BENCH_QUICK=1: a short run that only
 * prints (the tracked results file is left alone).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Bench } from 'tinybench';
import { cxlmi_cmd_identify } from '../src/compat/index.js';
import { emulatorTransport } from '../src/emulator/link.js';
import { Type3Device } from '../src/emulator/type3.js';
import { Context } from '../src/endpoint/context.js';
import { type AllocRow, allocPerCall, stopAllocObserver } from './alloc.js';
import { type BulkResult, bulk } from './bulk.js';
import { codecCases } from './cases.js';
import { type CliStartResult, cliStart } from './cli-start.js';
import { addCodecCases } from './codec.js';
import { defaultSweep, type FleetResult, SWEEP_LABEL } from './fleet.js';
import { addStackCases, barePromise, getLog1MiB, openStack } from './stack.js';
import { addTunnelCases } from './tunnel.js';

const quick = process.env.CXLMI_BENCH_QUICK === '1';

interface Row {
  name: string;
  meanNs: number;
  p50Ns: number;
  p99Ns: number;
  opsPerSec: number;
  samples: number;
}

const stack = await openStack();
const bench = new Bench({ time: quick ? 200 : 1000, warmupTime: quick ? 50 : 200 });
addCodecCases(bench, codecCases);
addStackCases(bench, stack);
const tunnels = await addTunnelCases(bench);
await bench.run();
const rows: Row[] = bench.tasks.map((t) => {
  const r = t.result as unknown as {
    latency: { mean: number; p50: number; p99: number; samplesCount?: number; samples?: number[] };
    throughput: { mean: number };
  };
  return {
    name: t.name,
    meanNs: r.latency.mean * 1e6,
    p50Ns: r.latency.p50 * 1e6,
    p99Ns: r.latency.p99 * 1e6,
    opsPerSec: r.throughput.mean,
    samples: r.latency.samplesCount ?? r.latency.samples?.length ?? 0,
  };
});
const mean = (prefix: string) => rows.find((r) => r.name.startsWith(prefix))?.meanNs ?? Number.NaN;

// ---------------------------------------------------------------- allocation per call
const fleetCtx = new Context({ probe: false });
const fleetEps = await Promise.all(
  Array.from({ length: 100 }, (_, i) =>
    fleetCtx.openTransport(emulatorTransport(new Type3Device({ serialNumber: BigInt(i) }))),
  ),
);
const fleetSweepOnce = () => Promise.all(fleetEps.map((ep) => Promise.all(defaultSweep.map((s) => s(ep)))));
const out = cxlmi_cmd_identify();
const allocs: AllocRow[] = [
  await allocPerCall('floor: bare promise round trip', barePromise),
  await allocPerCall('identify via canned-reply transport (library alone)', () => stack.canned.identify()),
  await allocPerCall('identify via emulator', () => stack.emulator.identify()),
  await allocPerCall('compat cxlmi_cmd_identify via emulator', () =>
    cxlmi_cmd_identify(stack.emulator, null, out),
  ),
  await allocPerCall('get_health_info via emulator', () => stack.emulator.getHealthInfo()),
  await allocPerCall('identify, 2 tunnel levels, canned-reply transport', () =>
    tunnels.canned2.identify({ tunnel: tunnels.canned2Tunnel }),
  ),
  await allocPerCall('identify, 2 tunnel levels, emulated fabric', () =>
    tunnels.fabric.identify({ tunnel: tunnels.fabricTunnel }),
  ),
  await allocPerCall('get_log 1 MiB via emulator', () => getLog1MiB(stack.bigLog), { calls: 20, warmup: 50 }),
];
const perFleetCommand = await allocPerCall(
  `fleet command (${SWEEP_LABEL}, 100 emulated endpoints)`,
  fleetSweepOnce,
  {
    calls: 3,
    warmup: 50,
  },
);
const n = fleetEps.length * defaultSweep.length;
allocs.push({
  ...perFleetCommand,
  heapBytes: perFleetCommand.heapBytes / n,
  offHeapBytes: perFleetCommand.offHeapBytes / n,
});
stopAllocObserver();
await fleetCtx.close();
await stack.close();
await tunnels.close();

// ---------------------------------------------------------------- fleets, one process per size
const run = promisify(execFile);
const fleetScript = fileURLToPath(new URL('./fleet.ts', import.meta.url));
const fleets: FleetResult[] = [];
for (const size of quick ? [100, 1000] : [100, 1000, 10_000]) {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', fleetScript, String(size), '2', quick ? '2' : '5'],
    { maxBuffer: 1 << 20 },
  );
  fleets.push(JSON.parse(stdout.trim().split('\n').pop() as string) as FleetResult);
}

const bulks: BulkResult[] = await bulk();

// ---------------------------------------------------------------- CLI start, alternating with node -e 0
const starts: CliStartResult[] = cliStart(quick ? 5 : 21);

// ---------------------------------------------------------------- report
const fmt = (x: number) => (Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const machine = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  date: new Date().toISOString(),
  quick,
};
const floor = mean('floor: bare promise');
const ratios = {
  identifyEmulatorVsFloor: mean('stack: identify via emulator') / floor,
  identifyCannedVsFloor: mean('stack: identify via canned') / floor,
  compatVsEndpoint: mean('stack: compat cxlmi_cmd_identify') / mean('stack: identify via emulator'),
  cannedNsPerTunnelLevel:
    (mean('tunnel: identify via canned-reply transport, 2 levels') -
      mean('tunnel: identify via canned-reply transport, no tunnel')) /
    2,
  emulatorNsPerTunnelLevel:
    (mean('tunnel: identify through 2 levels') - mean('tunnel: identify the switch via emulator')) / 2,
};

console.log(
  `\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}${quick ? ' (quick run)' : ''}\n`,
);
console.log('| benchmark | mean | p50 | p99 | ops/s | mean ÷ bare promise |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmt(r.meanNs)} ns | ${fmt(r.p50Ns)} ns | ${fmt(r.p99Ns)} ns | ${Math.round(r.opsPerSec)} | ${(r.meanNs / floor).toFixed(1)}× |`,
  );
}
console.log('\n| ratio (same run) | value |');
console.log('|---|---:|');
console.log(`| identify via emulator ÷ bare promise | ${ratios.identifyEmulatorVsFloor.toFixed(1)}× |`);
console.log(`| identify via canned transport ÷ bare promise | ${ratios.identifyCannedVsFloor.toFixed(1)}× |`);
console.log(`| compat function ÷ Endpoint method | ${ratios.compatVsEndpoint.toFixed(2)}× |`);
console.log(`| each tunnel level, canned transport | +${fmt(ratios.cannedNsPerTunnelLevel)} ns |`);
console.log(`| each tunnel level, emulated fabric | +${fmt(ratios.emulatorNsPerTunnelLevel)} ns |`);

console.log('\n| bytes allocated per call | JS heap | off-heap |');
console.log('|---|---:|---:|');
for (const a of allocs) console.log(`| ${a.name} | ${fmt(a.heapBytes)} B | ${fmt(a.offHeapBytes)} B |`);

console.log(
  `\n| fleet sweep (${SWEEP_LABEL}, 2 ms) | floor: N×3 setTimeout(2) median / best | cheap device median / best (÷ floor) | emulated Type 3 median / best | CPU per command | library per endpoint | peak RSS |`,
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const f of fleets) {
  console.log(
    `| ${f.endpoints} endpoints × ${f.commandsPerEndpoint} | ${fmt(f.floor.medianMs)} / ${fmt(f.floor.bestMs)} ms | ${fmt(f.cheap.medianMs)} / ${fmt(f.cheap.bestMs)} ms (${(f.cheap.medianMs / f.floor.medianMs).toFixed(2)}×) | ${fmt(f.emulated.medianMs)} / ${fmt(f.emulated.bestMs)} ms | ${fmt(f.cpuUsPerCommand)} µs | ${fmt(f.libraryKiBPerEndpoint)} KiB | ${fmt(f.peakRssMiB)} MiB |`,
  );
}

console.log('\n| bulk transfer | chunking | time | throughput |');
console.log('|---|---|---:|---:|');
for (const b of bulks) console.log(`| ${b.name} | ${b.chunk} | ${fmt(b.ms)} ms | ${fmt(b.mbPerSec)} MB/s |`);

console.log('\n| CLI start | wall (median) | CPU (mean) | CPU ÷ node -e 0 |');
console.log('|---|---:|---:|---:|');
for (const c of starts)
  console.log(
    `| ${c.name} | ${fmt(c.wallMedianMs)} ms | ${fmt(c.cpuMeanMs)} ms | ${c.cpuVsNode.toFixed(2)}× |`,
  );

if (quick) {
  console.log('\n(quick run: bench/results/latest.json left as it was)');
} else {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(
    { machine, micro: rows, ratios, alloc: allocs, fleet: fleets, bulk: bulks, cliStart: starts },
    null,
    2,
  );
  writeFileSync(new URL('latest.json', dir), json);
  writeFileSync(new URL(`${machine.date.replace(/[:.]/g, '-')}.json`, dir), json);
}
