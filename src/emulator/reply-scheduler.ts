/**
 * When emulated replies are handed back. Immediate replies (no latency) are delivered together in
 * one microtask; replies with a latency wait on a timing wheel with one slot per millisecond, and
 * one timer serves the whole wheel (it fires once per millisecond tick that has replies due, not
 * once per reply). Nothing is allocated per reply: each waiting reply is three array slots.
 */

/** Where a reply goes (the message framer of the transport that sent the request). */
export interface ReplyTarget<C> {
  received(call: C, reply: Uint8Array): void;
}

/**
 * Replies in arrival order, as flat (target, call, reply) triples. The array is kept at its size
 * and reused (truncating it would free its backing store and make the next push allocate again).
 */
class Batch {
  items: unknown[] = [];
  n = 0;
  push(target: ReplyTarget<unknown>, call: unknown, reply: Uint8Array): void {
    const items = this.items;
    const n = this.n;
    if (n + 3 > items.length) items.push(target, call, reply);
    else {
      items[n] = target;
      items[n + 1] = call;
      items[n + 2] = reply;
    }
    this.n = n + 3;
  }
  /** Hands over the first `count` slots (the triples queued before delivery began). */
  deliver(count: number): void {
    const items = this.items;
    for (let i = 0; i < count; i += 3) {
      const target = items[i] as ReplyTarget<unknown>;
      const call = items[i + 1];
      const reply = items[i + 2] as Uint8Array;
      items[i] = items[i + 1] = items[i + 2] = undefined;
      target.received(call, reply);
    }
    if (this.n === count) this.n = 0;
    else {
      // Replies queued during delivery move to the front.
      items.copyWithin(0, count, this.n);
      this.n -= count;
      items.fill(undefined, this.n, this.n + count);
    }
  }
}

const now: Batch = new Batch();
let microtaskQueued = false;
/**
 * `RESOLVED.then(drainNow)` queues the microtask: cheaper than queueMicrotask(), which wraps each
 * callback in an AsyncResource and a bound function.
 */
const RESOLVED = Promise.resolve();

function drainNow(): void {
  microtaskQueued = false;
  // Replies posted while delivering (the next command of a queue) wait for the next microtask,
  // as they would behind a resolved promise.
  now.deliver(now.n);
  if (now.n > 0 && !microtaskQueued) {
    microtaskQueued = true;
    void RESOLVED.then(drainNow);
  }
}

/** Millisecond slots: due time (whole ms on the performance.now() clock) → replies due then. */
const slots = new Map<number, Batch>();
/** Due times with replies waiting, ascending. */
const due: number[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let timerAt = Number.POSITIVE_INFINITY;

function tick(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const t = performance.now();
  while (due.length > 0 && due[0] <= t) {
    const at = due.shift() as number;
    const batch = slots.get(at) as Batch;
    slots.delete(at);
    batch.deliver(batch.n);
  }
  if (due.length > 0) arm(due[0], t);
}

function arm(at: number, t: number): void {
  if (timer !== undefined && timerAt <= at) return;
  if (timer !== undefined) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(tick, Math.max(0, at - t));
}

/** Hands `reply` to `target.received(call, reply)` after `latencyMs` (0: in a microtask). */
export function scheduleReply<C>(
  target: ReplyTarget<C>,
  call: C,
  reply: Uint8Array,
  latencyMs: number,
): void {
  if (latencyMs <= 0) {
    now.push(target as ReplyTarget<unknown>, call, reply);
    if (!microtaskQueued) {
      microtaskQueued = true;
      void RESOLVED.then(drainNow);
    }
    return;
  }
  const t = performance.now();
  const at = Math.ceil(t + latencyMs);
  let batch = slots.get(at);
  if (batch === undefined) {
    batch = new Batch();
    slots.set(at, batch);
    // Usually the latest due time so far: append; otherwise insert in order.
    let i = due.length;
    while (i > 0 && due[i - 1] > at) i--;
    due.splice(i, 0, at);
  }
  batch.push(target as ReplyTarget<unknown>, call, reply);
  arm(at, t);
}
