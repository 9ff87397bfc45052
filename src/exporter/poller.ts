/**
 * Polls every endpoint with a bounded pool, each poll bounded by its own deadline, and keeps the
 * latest samples per endpoint. Scrapes read this cache, so one slow or broken endpoint never
 * delays or breaks a scrape.
 */
import type { Endpoint } from '../endpoint/endpoint.js';
import { mapSettled } from '../endpoint/fleet.js';
import { CxlmiCommandError } from '../errors.js';
import { CXLMI_RET_UNSUPPORTED } from '../protocol/retcodes.js';
import type { Probe, Sample } from './probes.js';

export interface EndpointLabels {
  serial: string;
  device: string;
  transport: string;
}

export interface EndpointState {
  labels: EndpointLabels;
  up: boolean;
  samples: Sample[];
  durationSeconds: number;
  errors: number;
  lastError?: string;
}

/**
 * A target the exporter could not open yet (a device not plugged in, mctpd not started): it is
 * exported as `cxl_up 0` and opening it is tried again at every poll.
 */
export interface PendingTarget {
  /** The target as the user named it (the `device` label until it opens). */
  readonly name: string;
  /** The transport it would use (the `transport` label until it opens). */
  readonly transport: string;
  /** One endpoint, or several (an MCTP scan once mctpd answers: each is polled from then on). */
  open(): Promise<Endpoint | Endpoint[]>;
}

function isPending(t: Endpoint | PendingTarget): t is PendingTarget {
  return typeof (t as PendingTarget).open === 'function';
}

export interface PollerOptions {
  /** How often to poll, in ms (default 15 s). */
  intervalMs?: number;
  /** Deadline for one endpoint's whole poll, in ms (default 5 s). */
  timeoutMs?: number;
  /** Endpoints polled at once (default 64). */
  concurrency?: number;
  log?: (message: string) => void;
}

export class Poller {
  readonly #targets: (Endpoint | PendingTarget)[];
  readonly #probes: readonly Probe[];
  readonly #opts: Required<Omit<PollerOptions, 'log'>> & Pick<PollerOptions, 'log'>;
  /** Keyed by the target as given: a pending target keeps its entry once it opens. */
  readonly #state = new Map<Endpoint | PendingTarget, EndpointState>();
  readonly #unsupported = new Map<Endpoint, Set<string>>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  lastPollSeconds = 0;

  constructor(
    targets: readonly (Endpoint | PendingTarget)[],
    probes: readonly Probe[],
    opts: PollerOptions = {},
  ) {
    this.#targets = [...targets];
    this.#probes = probes;
    this.#opts = { intervalMs: 15_000, timeoutMs: 5_000, concurrency: 64, ...opts };
  }

  /** The latest state of every endpoint polled at least once. */
  get states(): EndpointState[] {
    return [...this.#state.values()];
  }

  /** Polls everything once (joins a poll already under way). */
  poll(): Promise<void> {
    this.#running ??= this.#pollAll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Polls now and then every interval until stop(). */
  async start(): Promise<void> {
    const loop = async () => {
      if (this.#stopped) return;
      await this.poll();
      if (!this.#stopped) this.#timer = setTimeout(loop, this.#opts.intervalMs);
    };
    await loop();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  async #pollAll(): Promise<void> {
    const t0 = performance.now();
    await mapSettled(this.#targets, (_t, i) => this.#pollTarget(i), { concurrency: this.#opts.concurrency });
    this.lastPollSeconds = (performance.now() - t0) / 1000;
  }

  /** Polls an open endpoint; tries again to open a pending one first. */
  async #pollTarget(i: number): Promise<void> {
    const target = this.#targets[i];
    if (!isPending(target)) return this.#pollOne(target);
    const prev = this.#state.get(target);
    const t0 = performance.now();
    let opened: Endpoint | Endpoint[];
    try {
      opened = await target.open();
    } catch (e) {
      const message = (e as Error)?.message ?? String(e);
      // One line when the reason changes, not one per poll.
      if (prev?.lastError !== message)
        this.#opts.log?.(`cannot open ${target.name} (retrying each poll): ${message}`);
      this.#state.set(target, {
        labels: { serial: 'unknown', device: target.name, transport: target.transport },
        up: false,
        samples: [],
        durationSeconds: (performance.now() - t0) / 1000,
        errors: (prev?.errors ?? 0) + 1,
        lastError: message,
      });
      return;
    }
    const eps = Array.isArray(opened) ? opened : [opened];
    this.#state.delete(target);
    if (eps.length === 0) {
      // Opened, but nothing behind it (a scan that found no endpoint yet): stay pending.
      this.#opts.log?.(`${target.name}: nothing found yet (retrying each poll)`);
      return;
    }
    this.#opts.log?.(`opened ${target.name} as ${eps.map((ep) => ep.description).join(', ')}`);
    this.#targets[i] = eps[0];
    this.#targets.push(...eps.slice(1));
    await Promise.all(eps.map((ep, k) => this.#pollOne(ep, k === 0 ? prev?.errors : 0)));
  }

  async #pollOne(ep: Endpoint, earlierErrors = 0): Promise<void> {
    const prev = this.#state.get(ep);
    const labels: EndpointLabels = prev?.labels ?? {
      serial: ep.identity ? `0x${ep.identity.serial_num.toString(16).padStart(16, '0')}` : 'unknown',
      device: ep.description,
      transport: ep.transport.kind,
    };
    const t0 = performance.now();
    const skip = this.#unsupported.get(ep) ?? new Set<string>();
    this.#unsupported.set(ep, skip);
    const samples: Sample[] = [];
    const signal = AbortSignal.timeout(this.#opts.timeoutMs);
    try {
      const id = await ep.identify({ signal });
      labels.serial = `0x${id.serial_num.toString(16).padStart(16, '0')}`;
      const memo = new Map<string, Promise<unknown>>();
      const once = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
        let p = memo.get(key) as Promise<T> | undefined;
        if (!p) {
          p = fn();
          memo.set(key, p);
        }
        return p;
      };
      for (const probe of this.#probes) {
        if (skip.has(probe.name)) continue;
        try {
          samples.push(...(await probe.collect(ep, { id, signal, once })));
        } catch (e) {
          if (e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_UNSUPPORTED) {
            skip.add(probe.name);
            continue;
          }
          throw e;
        }
      }
      this.#state.set(ep, {
        labels,
        up: true,
        samples,
        durationSeconds: (performance.now() - t0) / 1000,
        errors: prev?.errors ?? earlierErrors,
      });
    } catch (e) {
      const message = (e as Error).message;
      this.#opts.log?.(`poll of ${ep.description} failed: ${message}`);
      this.#state.set(ep, {
        labels,
        up: false,
        samples: [],
        durationSeconds: (performance.now() - t0) / 1000,
        errors: (prev?.errors ?? earlierErrors) + 1,
        lastError: message,
      });
    }
  }
}
