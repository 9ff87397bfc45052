/**
 * `npm run bench`: codec overhead, the whole stack through the emulator, fleet sweeps and bulk
 * transfers. Prints a table and writes bench/results/latest.json (plus a timestamped copy).
 * Set CXLMI_BENCH_QUICK=1 for a short run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Bench } from 'tinybench';
import { type BulkResult, bulk } from './bulk.js';
import { codecCases } from './cases.js';
import { addCodecCases } from './codec.js';
import { type FleetResult, fleetSweep } from './fleet.js';
import { addStackCases } from './stack.js';
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

async function micro(): Promise<Row[]> {
  const bench = new Bench({ time: quick ? 200 : 1500, warmupTime: quick ? 50 : 300 });
  addCodecCases(bench, codecCases);
  const close = await addStackCases(bench);
  const closeTunnel = await addTunnelCases(bench);
  await bench.run();
  await close();
  await closeTunnel();
  return bench.tasks.map((t) => {
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
}

async function fleet(): Promise<FleetResult[]> {
  const sizes = quick ? [10, 100, 1000] : [10, 100, 1000, 10_000];
  const out: FleetResult[] = [];
  for (const latency of [0, 2]) {
    for (const n of sizes) out.push(await fleetSweep(n, latency, Math.min(n, 1024)));
  }
  return out;
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

const machine = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  date: new Date().toISOString(),
};

const rows = await micro();
const fleets = await fleet();
const bulks: BulkResult[] = await bulk();

console.log(
  `\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
);
console.log('| benchmark | mean | p50 | p99 | ops/s |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${fmt(r.meanNs)} ns | ${fmt(r.p50Ns)} ns | ${fmt(r.p99Ns)} ns | ${Math.round(r.opsPerSec)} |`,
  );
}
console.log('\n| fleet sweep | latency | wall | per endpoint | peak RSS | failures |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const f of fleets) {
  console.log(
    `| ${f.endpoints} endpoints × ${f.commandsPerEndpoint} commands | ${f.latencyMs} ms | ${fmt(f.wallMs)} ms | ${fmt(f.perEndpointUs)} µs | ${fmt(f.peakRssMiB)} MiB | ${f.failures} |`,
  );
}

console.log('\n| bulk transfer | chunking | time | throughput |');
console.log('|---|---|---:|---:|');
for (const b of bulks) console.log(`| ${b.name} | ${b.chunk} | ${fmt(b.ms)} ms | ${fmt(b.mbPerSec)} MB/s |`);

const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const json = JSON.stringify({ machine, micro: rows, fleet: fleets, bulk: bulks }, null, 2);
writeFileSync(new URL('latest.json', dir), json);
writeFileSync(new URL(`${machine.date.replace(/[:.]/g, '-')}.json`, dir), json);
