/**
 * One poll() for every MCTP socket in the process. Waiting on a socket must not hold a thread of
 * libuv's small pool (4 threads, shared with fs and dns): with one blocking poll per endpoint, a
 * few endpoints waiting on silent devices would starve the rest into false timeouts. Instead a
 * single poll() over all watched descriptors runs on one pool thread, and an eventfd wakes it
 * whenever the set of descriptors changes. Timeouts and aborts are plain JS timers and listeners.
 */
import { CxlmiClosedError, CxlmiTransportError } from '../../errors.js';
import { ERRNO } from '../native/errno.js';
import type { Libc, NativeBuffer } from '../native/libc.js';
import { abortReason } from './abort-reason.js';
import { EFD_CLOEXEC, EFD_NONBLOCK, POLLERR, POLLHUP, POLLIN, POLLNVAL } from './mctp-constants.js';
import { mctpSyscallError } from './mctp-errors.js';
import { POLLFD_SIZE, pollfd } from './mctp-layouts.js';

interface Waiter {
  readonly fd: number;
  settle(readable: boolean | Error): void;
}

export class FdPoller {
  readonly #c: Libc;
  readonly #wakeFd: number;
  readonly #counter: NativeBuffer;
  #fds: NativeBuffer;
  readonly #waiters = new Map<number, Set<Waiter>>();
  /** The poll loop, while it runs. */
  #inFlight: Promise<unknown> | undefined;
  /** The poll() call in flight and the descriptors it watches. */
  #call: Promise<{ result: number; errno: number }> | undefined;
  #watching: readonly number[] = [];

  constructor(c: Libc) {
    this.#c = c;
    const e = c.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (e.result < 0) throw mctpSyscallError('eventfd', e.errno, 'the socket poller');
    this.#wakeFd = e.result;
    this.#counter = c.alloc(8);
    this.#fds = c.alloc(8 * POLLFD_SIZE);
  }

  /** Resolves true once `fd` is readable, false after `timeoutMs` (negative: no limit). */
  wait(fd: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<boolean>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => waiter.settle(abortReason(signal!));
      const waiter: Waiter = {
        fd,
        settle: (r) => {
          const set = this.#waiters.get(fd);
          if (!set?.delete(waiter)) return;
          if (set.size === 0) {
            this.#waiters.delete(fd);
            this.#wake();
          }
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          if (r instanceof Error) reject(r);
          else resolve(r);
        },
      };
      let set = this.#waiters.get(fd);
      if (!set) {
        set = new Set();
        this.#waiters.set(fd, set);
      }
      set.add(waiter);
      if (timeoutMs >= 0 && Number.isFinite(timeoutMs))
        timer = setTimeout(() => waiter.settle(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (this.#inFlight) this.#wake();
      else this.#inFlight = this.#run();
    });
  }

  /** Ends every wait on `fd` and returns once no poll() in flight still watches it (then it may be closed). */
  async release(fd: number): Promise<void> {
    for (const w of [...(this.#waiters.get(fd) ?? [])]) w.settle(new CxlmiClosedError('MCTP socket'));
    while (this.#call && this.#watching.includes(fd)) {
      this.#wake();
      await this.#call.catch(() => {});
    }
  }

  async #run(): Promise<void> {
    try {
      while (this.#waiters.size > 0) {
        const fds = [...this.#waiters.keys()];
        const count = fds.length + 1;
        if (this.#fds.bytes.length < count * POLLFD_SIZE) {
          this.#fds.free();
          this.#fds = this.#c.alloc(2 * count * POLLFD_SIZE);
        }
        this.#fds.bytes.set(pollfd.encode({ fd: this.#wakeFd, events: POLLIN, revents: 0 }), 0);
        fds.forEach((fd, i) => {
          this.#fds.bytes.set(pollfd.encode({ fd, events: POLLIN, revents: 0 }), (i + 1) * POLLFD_SIZE);
        });
        this.#watching = fds;
        this.#call = this.#c.poll(this.#fds.pointer, count, -1);
        const r = await this.#call;
        this.#watching = [];
        this.#call = undefined;
        if (r.result < 0) {
          if (r.errno === ERRNO.EINTR) continue;
          const err = mctpSyscallError('poll', r.errno, 'the sockets');
          for (const set of [...this.#waiters.values()]) for (const w of [...set]) w.settle(err);
          return;
        }
        if (pollfd.decode(this.#fds.bytes.subarray(0, POLLFD_SIZE)).revents & POLLIN) {
          this.#c.read(this.#wakeFd, this.#counter.pointer, 8);
        }
        fds.forEach((fd, i) => {
          const off = (i + 1) * POLLFD_SIZE;
          const { revents } = pollfd.decode(this.#fds.bytes.subarray(off, off + POLLFD_SIZE));
          if (revents === 0) return;
          const outcome =
            revents & POLLIN
              ? true
              : new CxlmiTransportError(`MCTP socket reported poll events 0x${revents.toString(16)}`, {
                  syscall: 'poll',
                  transport: 'mctp',
                  hint: revents & POLLNVAL ? 'the descriptor is not open' : 'the socket failed',
                });
          if (revents & (POLLERR | POLLHUP | POLLNVAL | POLLIN)) {
            for (const w of [...(this.#waiters.get(fd) ?? [])]) w.settle(outcome);
          }
        });
      }
    } finally {
      this.#watching = [];
      this.#call = undefined;
      this.#inFlight = undefined;
    }
  }

  #wake(): void {
    if (!this.#inFlight) return;
    new DataView(this.#counter.bytes.buffer, this.#counter.bytes.byteOffset, 8).setBigUint64(0, 1n, true);
    this.#c.write(this.#wakeFd, this.#counter.pointer, 8);
  }
}

let shared: FdPoller | undefined;
/** The process-wide poller (created on first use). */
export function sharedPoller(c: Libc): FdPoller {
  shared ??= new FdPoller(c);
  return shared;
}
