/**
 * The in-flight side of an endpoint: one queue of requests per CCI, each bounded by a timeout and
 * the caller's AbortSignal. Built for the fast path:
 *  - one promise per command: the queue decodes the answer and settles the caller's promise
 *    itself; transports answer through the Call (see transport/pending.ts), not with promises;
 *  - no clock read and no timer work per call: one watchdog timer per queue, armed when a request
 *    starts on an idle queue, checks the request in flight every 1/8 of its timeout (a request
 *    first seen at a check fails once a whole timeout has passed since that check; the request
 *    that armed it is timed exactly). A queue that stays idle until the event loop's next turn
 *    parks its watchdog then (unref'd: one check per loop turn, not one ref/unref per call), so an
 *    idle endpoint never keeps the process alive; the next request that finds the queue idle takes
 *    the parked timer back (timed exactly, as if armed for it) instead of making a new one, so a
 *    fleet polled in sweeps makes no timer per endpoint per sweep;
 *  - an AbortController only exists if the transport asks for the signal or the request is
 *    cancelled; an abort listener only if the caller passed a signal.
 */
import type { AnyCommand } from '../commands/define.js';
import { CxlmiAbortError, CxlmiError, CxlmiTimeoutError, CxlmiTransportError } from '../errors.js';
import { CCI_HEADER_SIZE } from '../protocol/constants.js';
import { CXLMI_RET_BACKGROUND } from '../protocol/retcodes.js';
import { type PendingCall, startOn, type Unwrapper } from '../transport/pending.js';
import type { CciResponse, Transport } from '../transport/transport.js';
import { onAbort } from './abort-listeners.js';

/** Turns a command's answer into its result (or throws its error): the endpoint's rule. */
export type ResultOf = (
  cmd: AnyCommand,
  req: unknown,
  bytes: Uint8Array,
  payloadStart: number,
  end: number,
  retcode: number,
  vendorStatus: number,
  background: boolean,
) => unknown;

/**
 * A step applied to a command's result before its promise settles (the compat functions fill the
 * caller's out-structure here): no second promise. A call that has one resolves with
 * CXLMI_RET_BACKGROUND (1), without decoding, when the device answers Background Command Started,
 * as libcxlmi returns 1.
 */
export type ResultMap = (result: unknown, arg: unknown) => unknown;

let pendingResolve: (v: any) => void;
let pendingReject: (e: unknown) => void;
/** One executor for every call's promise: it hands the resolvers out without a closure per call. */
function takeResolvers(resolve: (v: any) => void, reject: (e: unknown) => void): void {
  pendingResolve = resolve;
  pendingReject = reject;
}

class Call implements PendingCall {
  readonly resolve: (v: any) => void;
  readonly reject: (e: unknown) => void;
  controller: AbortController | undefined = undefined;
  settled = false;
  /** Stops listening to the caller's signal. */
  unlisten: (() => void) | undefined = undefined;
  seq = 0;
  wireTag = 0;
  wireOpcode = 0;
  via: Unwrapper | undefined = undefined;
  viaTag = 0;
  /** See ResultMap; set by submit() for the calls that have one. */
  map: ResultMap | undefined = undefined;
  mapArg: unknown = undefined;
  constructor(
    readonly queue: RequestQueue,
    readonly transport: Transport,
    readonly opcode: number,
    readonly payload: Uint8Array,
    readonly fmapi: boolean,
    readonly timeoutMs: number,
    readonly user: AbortSignal | undefined,
    /** The table command and its request value, or undefined for a raw request. */
    readonly cmd: AnyCommand | undefined,
    readonly req: unknown,
  ) {
    this.resolve = pendingResolve;
    this.reject = pendingReject;
  }

  /** The signal the transport sees; created on first use. */
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  onMessage(bytes: Uint8Array, start: number, end: number): void {
    const background = (bytes[start + 7] & 0x80) !== 0;
    const retcode = bytes[start + 8] | (bytes[start + 9] << 8);
    const vendorStatus = bytes[start + 10] | (bytes[start + 11] << 8);
    const p = start + CCI_HEADER_SIZE;
    if (this.via === undefined) this.complete(bytes, p, end, retcode, vendorStatus, background);
    else this.#unwrap(bytes, p, end, retcode, vendorStatus, background);
  }

  #unwrap(
    bytes: Uint8Array,
    payloadStart: number,
    end: number,
    retcode: number,
    vendorStatus: number,
    background: boolean,
  ): void {
    try {
      this.via?.unwrap(this, bytes, payloadStart, end, retcode, vendorStatus, background);
    } catch (e) {
      this.fail(e);
    }
  }

  onResponse(rsp: CciResponse): void {
    const b = rsp.payload;
    if (this.via !== undefined) {
      this.#unwrap(b, 0, b.length, rsp.retcode, rsp.vendorStatus, rsp.background);
    } else if (this.cmd === undefined) this.queue.finish(this, rsp);
    else this.complete(b, 0, b.length, rsp.retcode, rsp.vendorStatus, rsp.background);
  }

  complete(
    bytes: Uint8Array,
    payloadStart: number,
    end: number,
    retcode: number,
    vendorStatus: number,
    background: boolean,
  ): void {
    if (this.settled) return;
    const cmd = this.cmd;
    let result: unknown;
    if (cmd === undefined) {
      result = {
        opcode: this.opcode,
        retcode,
        vendorStatus,
        background,
        payload: payloadStart === 0 && end === bytes.length ? bytes : bytes.subarray(payloadStart, end),
      } satisfies CciResponse;
    } else if (retcode === CXLMI_RET_BACKGROUND && this.map !== undefined) {
      result = CXLMI_RET_BACKGROUND;
    } else {
      try {
        result = this.queue.resultOf(
          cmd,
          this.req,
          bytes,
          payloadStart,
          end,
          retcode,
          vendorStatus,
          background,
        );
        if (this.map !== undefined) result = this.map(result, this.mapArg);
      } catch (e) {
        this.queue.fail(this, e);
        return;
      }
    }
    this.queue.finish(this, result);
  }

  fail(e: unknown): void {
    this.queue.fail(this, wrapError(this.transport, this.opcode, e));
  }

  cancel(reason: unknown): void {
    this.controller?.abort(reason);
  }

  /** Marks the call done and stops listening to the caller's signal. */
  settle(): void {
    this.settled = true;
    this.unlisten?.();
    this.unlisten = undefined;
  }
}

function wrapError(transport: Transport, opcode: number, e: unknown): unknown {
  if (e instanceof CxlmiError) return e;
  return new CxlmiTransportError(
    `${transport.kind} transport failed: ${(e as Error)?.message ?? String(e)}`,
    {
      transport: transport.kind,
      opcode,
      cause: e,
    },
  );
}

/** Queues that went idle with a watchdog armed; checked once the event loop turns. */
let idleQueues: RequestQueue[] = [];
let idleCheckQueued = false;
function dropIdleWatchdogs(): void {
  idleCheckQueued = false;
  const qs = idleQueues;
  idleQueues = [];
  for (const q of qs) q.dropWatchdogIfIdle();
}

export class RequestQueue {
  /** Calls waiting, at [#head, #tail); the array is reused, never truncated (no regrowth). */
  readonly #queue: (Call | undefined)[] = [];
  #head = 0;
  #tail = 0;
  #current: Call | undefined;
  #idle: (() => void)[] = [];
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The request the watchdog is following, and when it was first seen in flight (or started). */
  #watchSeq = -1;
  #watchSince = 0;
  /** True while #next() runs: a transport answering synchronously does not recurse. */
  #looping = false;
  /** Listed in idleQueues (checked at the loop's next turn). */
  #idleListed = false;
  /** The timeout of the request the watchdog timer was last set for (it fires within its step). */
  #timerFor = 0;

  constructor(readonly resultOf: ResultOf) {}

  /** Requests queued or in flight. */
  get pending(): number {
    return this.#tail - this.#head + (this.#current ? 1 : 0);
  }

  /** Queues a request; resolves with its result once every earlier one has finished. */
  submit(
    transport: Transport,
    opcode: number,
    payload: Uint8Array,
    fmapi: boolean,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    cmd: AnyCommand | undefined,
    req: unknown,
    map?: ResultMap,
    mapArg?: unknown,
  ): Promise<any> {
    if (signal?.aborted) return Promise.reject(new CxlmiAbortError(opcode, signal.reason));
    const promise = new Promise(takeResolvers);
    const call = new Call(this, transport, opcode, payload, fmapi, timeoutMs, signal, cmd, req);
    if (map !== undefined) {
      call.map = map;
      call.mapArg = mapArg;
    }
    if (signal) {
      // One listener per signal, shared by every call on it (abort-listeners.ts); this call's part
      // is dropped when it settles.
      call.unlisten = onAbort(signal, () => this.fail(call, new CxlmiAbortError(opcode, signal.reason)));
    }
    if (this.#tail < this.#queue.length) this.#queue[this.#tail] = call;
    else this.#queue.push(call);
    this.#tail++;
    if (this.#current === undefined) this.#next();
    return promise;
  }

  /** Waits until everything queued so far has finished (successfully or not). */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #next(): void {
    if (this.#looping) return;
    this.#looping = true;
    try {
      while (this.#current === undefined && this.#head < this.#tail) {
        const call = this.#queue[this.#head] as Call;
        this.#queue[this.#head++] = undefined;
        if (this.#head > 1024 && this.#head * 2 > this.#tail) {
          this.#queue.copyWithin(0, this.#head, this.#tail);
          this.#queue.fill(undefined, this.#tail - this.#head, this.#tail);
          this.#tail -= this.#head;
          this.#head = 0;
        }
        if (call.settled) continue; // aborted while waiting its turn
        this.#start(call);
      }
    } finally {
      this.#looping = false;
    }
    if (this.#current === undefined && this.#head >= this.#tail) {
      this.#head = 0;
      this.#tail = 0;
      if (!this.#idleListed && this.#timer?.hasRef()) {
        this.#idleListed = true;
        idleQueues.push(this);
        if (!idleCheckQueued) {
          idleCheckQueued = true;
          setImmediate(dropIdleWatchdogs);
        }
      }
      if (this.#idle.length > 0) for (const w of this.#idle.splice(0)) w();
    }
  }

  #start(call: Call): void {
    this.#current = call;
    call.seq = ++this.#seq;
    if (call.timeoutMs > 0) {
      if (this.#timer === undefined) this.#arm(call);
      else if (!this.#timer.hasRef()) this.#resume(call); // parked (see dropWatchdogIfIdle)
    }
    try {
      startOn(call.transport, call, call.opcode, call.payload, call.fmapi);
    } catch (e) {
      call.fail(e);
    }
  }

  /** Settles a call with its result. */
  finish(call: Call, result: unknown): void {
    if (call.settled) return;
    call.settle();
    call.resolve(result);
    if (this.#current === call) {
      this.#current = undefined;
      this.#next();
    }
  }

  fail(call: Call, err: unknown): void {
    if (call.settled) return;
    call.settle();
    call.reject(err);
    if (this.#current === call) {
      call.cancel(err);
      this.#current = undefined;
      this.#next();
    }
  }

  /** Starts watching: `call` has just started, so its deadline is exact. */
  #arm(call: Call): void {
    const now = performance.now();
    this.#watchSeq = call.seq;
    this.#watchSince = now;
    this.#schedule(call, Math.min(call.timeoutMs, step(call.timeoutMs)));
  }

  /**
   * Takes the parked watchdog back for `call`, which has just started: timed exactly, as if the
   * watchdog had been armed for it. Cheaper than a new timer for every request that finds the
   * queue idle. A request with another timeout gets a new timer (the parked one may first look
   * later than that timeout's first check is due).
   */
  #resume(call: Call): void {
    const timer = this.#timer as ReturnType<typeof setTimeout>;
    if (call.timeoutMs !== this.#timerFor) {
      clearTimeout(timer);
      this.#arm(call);
      return;
    }
    // The parked timer fires within step(timeoutMs) from now, when the first check is due.
    this.#watchSeq = call.seq;
    this.#watchSince = performance.now();
    timer.ref();
  }

  #schedule(call: Call, ms: number): void {
    this.#timerFor = call.timeoutMs;
    this.#timer = setTimeout(tickQueue, ms, this);
  }

  /**
   * Still idle a loop turn after going idle: the watchdog is parked (unref'd, so an idle endpoint
   * never keeps the process alive). The next request takes it back; if none comes before it
   * fires, it goes (and the next request arms a new one).
   */
  dropWatchdogIfIdle(): void {
    this.#idleListed = false;
    if (this.#current === undefined && this.#timer !== undefined) this.#timer.unref();
  }

  /** The watchdog fired (see tickQueue). */
  tick(): void {
    this.#timer = undefined;
    const call = this.#current;
    if (call === undefined || call.timeoutMs <= 0) return; // idle: the next request re-arms
    const now = performance.now();
    if (call.seq !== this.#watchSeq) {
      // Started since the last check: it has been in flight for at most this long.
      this.#watchSeq = call.seq;
      this.#watchSince = now;
    }
    const left = this.#watchSince + call.timeoutMs - now;
    if (left <= 0) {
      this.fail(call, new CxlmiTimeoutError(call.opcode, call.timeoutMs, call.transport.kind));
      return;
    }
    this.#schedule(call, Math.max(1, Math.min(left, step(call.timeoutMs))));
  }

  /** Stops the timer and lets go of the queue's storage (the endpoint is closing). */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue.length = 0;
    this.#head = 0;
    this.#tail = 0;
  }
}

/** The watchdog timers' one callback (the queue comes as the timer's argument: no closure). */
function tickQueue(q: RequestQueue): void {
  q.tick();
}

/** How often the watchdog looks: an eighth of the timeout bounds how late a timeout can be. */
function step(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 8));
}
