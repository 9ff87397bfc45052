/**
 * Bytes allocated per call, JS heap and off-heap (ArrayBuffer backing stores): machine-independent,
 * unlike wall time. Runs batches of calls between two `process.memoryUsage()` reads and keeps the
 * batches no garbage collection ran in (GC is seen through `gc` performance entries); reports the
 * median batch. The figure includes what awaiting the call costs the caller (the "bare promise"
 * row measures exactly that, so the difference is the library's own).
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const gcStarts: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcStarts.push(e.startTime);
});
observer.observe({ type: 'gc' });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AllocRow {
  name: string;
  /** JS heap bytes per call. */
  heapBytes: number;
  /** Off-heap (ArrayBuffer) bytes per call. */
  offHeapBytes: number;
  /** Batches measured (without a GC inside). */
  batches: number;
}

export async function allocPerCall(
  name: string,
  fn: () => unknown,
  opts: { calls?: number; warmup?: number } = {},
): Promise<AllocRow> {
  const calls = opts.calls ?? 200;
  for (let i = 0; i < (opts.warmup ?? 3000); i++) await fn();
  const heap: number[] = [];
  const off: number[] = [];
  for (let k = 0; k < 15; k++) {
    gc();
    await wait(1);
    const m0 = process.memoryUsage();
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await fn();
    const t1 = performance.now();
    const m1 = process.memoryUsage();
    await wait(2); // gc entries arrive asynchronously
    if (gcStarts.some((t) => t >= t0 && t <= t1)) continue;
    heap.push((m1.heapUsed - m0.heapUsed) / calls);
    off.push((m1.arrayBuffers - m0.arrayBuffers) / calls);
  }
  const median = (a: number[]) => (a.length ? a.sort((x, y) => x - y)[a.length >> 1] : Number.NaN);
  return { name, heapBytes: median(heap), offHeapBytes: median(off), batches: heap.length };
}

export function stopAllocObserver(): void {
  observer.disconnect();
}
