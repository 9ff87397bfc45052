/**
 * When emulated replies are handed back. Immediate replies (no latency) are delivered together in
 * one microtask; replies with a latency are delivered when a `setTimeout(latency)` of their own
 * would fire, give or take JOIN_MS, with one timer for all the replies of one latency posted
 * within JOIN_MS of each other. Nothing is allocated per reply: each waiting reply is three
 * array slots.
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

/** Replies waiting on one timer: those of one latency posted within JOIN_MS of the first. */
class TimedBatch extends Batch {
  constructor(
    readonly latencyMs: number,
    readonly openedAt: number,
  ) {
    super();
  }
}

/**
 * How long after a batch's first reply others of the same latency may join it (and be delivered
 * up to that much sooner than their own latency): Node's timers, which count from the loop time
 * cached at the start of a turn, fire as early as that for the same reason.
 */
const JOIN_MS = 1;
/** The batch replies of each latency join, until JOIN_MS has passed or it is delivered. */
const open = new Map<number, TimedBatch>();

function deliverBatch(batch: TimedBatch): void {
  if (open.get(batch.latencyMs) === batch) open.delete(batch.latencyMs);
  batch.deliver(batch.n);
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
  let batch = open.get(latencyMs);
  if (batch === undefined || t - batch.openedAt >= JOIN_MS) {
    batch = new TimedBatch(latencyMs, t);
    open.set(latencyMs, batch);
    setTimeout(deliverBatch, latencyMs, batch);
  }
  batch.push(target as ReplyTarget<unknown>, call, reply);
}
