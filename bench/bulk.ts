/**
 * Bulk transfers through the emulator: a 1 MiB LSA read and a 32 MiB firmware transfer, each at the
 * library's default chunking (what the device's message limits allow) and at the largest payload
 * the transport carries, and a 1 MiB get_log next to its floor (a fresh 1 MiB buffer and one copy
 * into it, measured alternately with it), in MB/s.
 *
 * `bulk()` runs them in a fresh process (`node --import tsx bench/bulk.ts`, one JSON line), so what
 * ran before in the bench's own process (its heap, its JIT state, its pending garbage) does not
 * weigh on them. Each row is many runs after a warm-up: the headline is the mean (garbage
 * collection and first-touch page faults of fresh buffers included, as a user pays them), with the
 * best run, the median, CPU per run and the bytes allocated off the V8 heap per run (the
 * machine-independent figure: how many times each byte is copied into a new buffer).
 */

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { COMPONENT_STATE_DUMP_LOG_UUID } from '../src/commands/generic/logs.js';
import { emulatorTransport } from '../src/emulator/link.js';
import { Type3Device } from '../src/emulator/type3.js';
import { Context } from '../src/endpoint/context.js';

export interface BulkResult {
  name: string;
  bytes: number;
  chunk: string;
  /** Mean time per run. */
  ms: number;
  /** Throughput from the mean. */
  mbPerSec: number;
  bestMs: number;
  p50Ms: number;
  /** Process CPU time (user + system, all threads) per run. */
  cpuMs: number;
  /**
   * Bytes allocated off the V8 heap (ArrayBuffer backing stores) per run; null where a run
   * allocates so much that a collection inside it is certain (the 32 MiB transfers).
   */
  offHeapBytes: number | null;
  runs: number;
}

const MiB = 1 << 20;
const quick = process.env.CXLMI_BENCH_QUICK === '1';

type Op = () => Promise<unknown>;

/** Runs each op in turn (alternating, so they share the machine's state) until enough time went by. */
async function measure(
  ops: Op[],
  minRuns: number,
  minMs: number,
  countBytes = true,
): Promise<Omit<BulkResult, 'name' | 'bytes' | 'chunk' | 'mbPerSec'>[]> {
  for (const op of ops) for (let i = 0; i < 3; i++) await op(); // warm-up
  const times: number[][] = ops.map(() => []);
  const cpu: number[] = ops.map(() => 0);
  const t0 = performance.now();
  while (times[0].length < minRuns || performance.now() - t0 < minMs) {
    for (let k = 0; k < ops.length; k++) {
      const c = process.cpuUsage();
      const t = performance.now();
      const r = await ops[k]();
      // An op may time itself (a number of ms) to leave out what it waits for first.
      times[k].push(typeof r === 'number' ? r : performance.now() - t);
      const d = process.cpuUsage(c);
      cpu[k] += (d.user + d.system) / 1000;
    }
  }
  const out = [];
  for (let k = 0; k < ops.length; k++) {
    const ts = times[k];
    const sorted = [...ts].sort((a, b) => a - b);
    out.push({
      ms: ts.reduce((a, b) => a + b, 0) / ts.length,
      bestMs: sorted[0],
      p50Ms: sorted[sorted.length >> 1],
      cpuMs: cpu[k] / ts.length,
      offHeapBytes: countBytes ? await offHeapPerRun(ops[k]) : null,
      runs: ts.length,
    });
  }
  return out;
}

let gc: (() => void) | undefined;
/**
 * Off-heap bytes one run allocates: the largest of a few runs each started right after a full
 * GC (a collection during the run can only make the difference smaller).
 */
async function offHeapPerRun(op: Op): Promise<number> {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  let most = 0;
  for (let i = 0; i < 5; i++) {
    gc();
    const before = process.memoryUsage().arrayBuffers;
    await op();
    most = Math.max(most, process.memoryUsage().arrayBuffers - before);
  }
  return most;
}

function row(
  name: string,
  bytes: number,
  chunk: string,
  m: Awaited<ReturnType<typeof measure>>[number],
): BulkResult {
  return { name, bytes, chunk, ...m, mbPerSec: bytes / 1e6 / (m.ms / 1000) };
}

async function lsaRead(maxMessageLog2: number, label: string): Promise<BulkResult> {
  const ctx = new Context({ probe: false });
  const device = new Type3Device({ lsaSize: MiB, maxMessageSizeLog2: maxMessageLog2 });
  const ep = await ctx.openTransport(emulatorTransport(device));
  if (maxMessageLog2 > 12) await ep.setResponseMsgLimit({ limit: maxMessageLog2 });
  await ep.writeLsa(0, new Uint8Array(MiB).fill(0x5a));
  const [m] = await measure([() => ep.readLsa(0, MiB)], quick ? 10 : 30, quick ? 100 : 500);
  await ctx.close();
  return row('LSA read 1 MiB', MiB, label, m);
}

async function fwTransfer(maxMessageLog2: number, label: string): Promise<BulkResult> {
  const ctx = new Context({ probe: false });
  const device = new Type3Device({
    maxMessageSizeLog2: maxMessageLog2,
    generic: { firmware: { verifyMsPerMiB: 0, activateMs: 0 } },
  });
  const ep = await ctx.openTransport(emulatorTransport(device));
  const image = new Uint8Array(32 * MiB).fill(0xa5);
  // The parts, up to the device's answer to the last one (not its background verification).
  const transfer = async () => {
    let sent!: () => void;
    const transferred = new Promise<void>((r) => {
      sent = r;
    });
    const all: Promise<unknown> = ep.transferFw(image, {
      slot: 2,
      intervalMs: 1,
      onProgress: (p) => {
        if (p.phase === 'transfer' && p.percent === 100) sent();
      },
    });
    await transferred;
    return { all }; // not awaited here: the caller decides when to wait for the verification
  };
  // A run is timed up to the answer to the last part; the background verification that follows
  // is waited for before the next run, outside the time (but inside the CPU figure).
  let verifying: Promise<unknown> = Promise.resolve();
  const run = async () => {
    await verifying;
    const t = performance.now();
    verifying = (await transfer()).all;
    return performance.now() - t;
  };
  const [m] = await measure([run], quick ? 2 : 5, quick ? 0 : 1000, false);
  await verifying;
  await ctx.close();
  return row('FW transfer 32 MiB', image.length, label, m);
}

async function getLog1MiB(): Promise<BulkResult[]> {
  const ctx = new Context({ probe: false });
  const dev = new Type3Device({ maxMessageSizeLog2: 20 });
  dev.generic.logs.setStateDump(Uint8Array.from({ length: MiB }, (_, i) => i & 0xff));
  const ep = await ctx.openTransport(emulatorTransport(dev));
  await ep.setResponseMsgLimit({ limit: 20 });
  const src = new Uint8Array(MiB).fill(3);
  let sink: Uint8Array | undefined;
  const floor = async () => {
    const b = Buffer.allocUnsafeSlow(MiB + 12);
    b.set(src, 12);
    sink = b;
  };
  const getLog = () => ep.getLog(COMPONENT_STATE_DUMP_LOG_UUID, { length: MiB });
  const [f, g] = await measure([floor, getLog], quick ? 20 : 200, quick ? 100 : 1000);
  void sink;
  await ctx.close();
  return [
    row('get_log 1 MiB', MiB, 'one message (ep.getLog)', g),
    row('floor: a fresh 1 MiB buffer + one copy', MiB, '(alternating with get_log)', f),
  ];
}

/** Every bulk row, measured in this process. */
export async function bulkHere(): Promise<BulkResult[]> {
  return [
    await lsaRead(12, 'default (4 KiB messages)'),
    await lsaRead(20, 'largest (1 MiB messages)'),
    await fwTransfer(12, 'default (4 KiB messages)'),
    await fwTransfer(20, 'largest (1 MiB messages)'),
    ...(await getLog1MiB()),
  ];
}

/** Every bulk row, measured in a fresh process. */
export async function bulk(): Promise<BulkResult[]> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    maxBuffer: 1 << 20,
    env: process.env,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as BulkResult[];
}

// As a child process: every row, one JSON line.
if (process.argv[1]?.endsWith('bulk.ts')) process.stdout.write(`${JSON.stringify(await bulkHere())}\n`);
