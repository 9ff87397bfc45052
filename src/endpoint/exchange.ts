/**
 * The in-flight side of an endpoint: one queue of requests per CCI, each bounded by a timeout and
 * the caller's AbortSignal. Built for the fast path: no per-call timer (one lazily re-armed timer
 * per endpoint watches the single request in flight), and an AbortController only exists if the
 * transport asks for the signal or the request is cancelled.
 */
import { CxlmiAbortError, CxlmiError, CxlmiTimeoutError, CxlmiTransportError } from '../errors.js';
import type { CciRequest, CciResponse, ExchangeOptions, Transport } from '../transport/transport.js';
import { onAbort } from './abort-listeners.js';

class Job implements ExchangeOptions {
  controller: AbortController | undefined = undefined;
  deadline = 0;
  settled = false;
  /** Stops listening to the caller's signal. */
  unlisten: (() => void) | undefined = undefined;
  constructor(
    readonly transport: Transport,
    readonly req: CciRequest,
    readonly timeoutMs: number,
    readonly user: AbortSignal | undefined,
    readonly resolve: (r: CciResponse) => void,
    readonly reject: (e: unknown) => void,
  ) {}

  /** The signal the transport sees; created on first use. */
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  cancel(reason: unknown): void {
    this.controller?.abort(reason);
  }

  /** Marks the job done and stops listening to the caller's signal. */
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

export class RequestQueue {
  readonly #queue: Job[] = [];
  #head = 0;
  #current: Job | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  #idle: (() => void)[] = [];

  /** Requests queued or in flight. */
  get pending(): number {
    return this.#queue.length - this.#head + (this.#current ? 1 : 0);
  }

  /** Queues a request; resolves with its response once every earlier one has finished. */
  submit(
    transport: Transport,
    req: CciRequest,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<CciResponse> {
    if (signal?.aborted) return Promise.reject(new CxlmiAbortError(req.opcode, signal.reason));
    return new Promise<CciResponse>((resolve, reject) => {
      const job = new Job(transport, req, timeoutMs, signal, resolve, reject);
      if (signal) {
        // One listener per signal, shared by every job on it (abort-listeners.ts); this job's
        // part is dropped when it settles.
        job.unlisten = onAbort(signal, () => this.#fail(job, new CxlmiAbortError(req.opcode, signal.reason)));
      }
      this.#queue.push(job);
      if (!this.#current) this.#next();
    });
  }

  /** Waits until everything queued so far has finished (successfully or not). */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #next(): void {
    while (this.#head < this.#queue.length) {
      const job = this.#queue[this.#head];
      this.#queue[this.#head++] = undefined as never;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue.splice(0, this.#head);
        this.#head = 0;
      }
      if (job.settled) continue; // aborted while waiting its turn
      this.#start(job);
      return;
    }
    this.#queue.length = 0;
    this.#head = 0;
    // Idle: the timer must not keep the process alive, and drain() waiters may go.
    this.#timer?.unref?.();
    if (this.#idle.length > 0) for (const w of this.#idle.splice(0)) w();
  }

  #start(job: Job): void {
    this.#current = job;
    if (job.timeoutMs > 0) {
      job.deadline = performance.now() + job.timeoutMs;
      this.#arm(job.deadline);
      this.#timer?.ref?.();
    }
    let p: Promise<CciResponse>;
    try {
      p = job.transport.request(job.req, job);
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      (rsp) => this.#finish(job, rsp),
      (e: unknown) => this.#fail(job, wrapError(job.transport, job.req.opcode, e)),
    );
  }

  #finish(job: Job, rsp: CciResponse): void {
    if (job.settled) return;
    job.settle();
    job.resolve(rsp);
    if (this.#current === job) {
      this.#current = undefined;
      this.#next();
    }
  }

  #fail(job: Job, err: unknown): void {
    if (job.settled) return;
    job.settle();
    job.reject(err);
    if (this.#current === job) {
      job.cancel(err);
      this.#current = undefined;
      this.#next();
    }
  }

  /** One timer per queue; re-armed only when it fires early or a nearer deadline appears. */
  #arm(at: number): void {
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, at - performance.now()));
  }

  #tick(): void {
    this.#timer = undefined;
    const job = this.#current;
    if (!job || job.timeoutMs <= 0) return;
    if (performance.now() >= job.deadline) {
      this.#fail(job, new CxlmiTimeoutError(job.req.opcode, job.timeoutMs, job.transport.kind));
    } else this.#arm(job.deadline);
  }

  /** Stops the timer (the endpoint is closing). */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
