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
  /**
   * A discovery (an MCTP scan): once it has found endpoints, open() is called again every rescan
   * interval and answers the whole current set, the endpoints it returned before included (the
   * same objects). New ones are polled from then on; those it no longer returns are closed and
   * their series removed. A rescan that fails keeps the current set and is tried again next
   * interval.
   */
  readonly rescans?: boolean;
}

/** What the exporter knows of one discovery (a target with `rescans`). */
export interface ScanState {
  /** The target's name (the `target` label). */
  readonly name: string;
  /** Failed scans (the first ones, before anything was found, included). */
  failures: number;
  /** Endpoints the last successful scan answered. */
  endpoints: number;
}

interface Discovery extends ScanState {
  readonly target: PendingTarget;
  /** False until a scan has found endpoints (the target is pending until then). */
  found: boolean;
  eps: Endpoint[];
  lastScanMs: number;
  lastError?: string;
}

function serialLabel(serial: bigint): string {
  return `0x${serial.toString(16).padStart(16, '0')}`;
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
  /**
   * How often a discovery (a target with `rescans`, e.g. an MCTP scan) is run again once it has
   * found endpoints, in ms (default 30 s; 0 = never). Checked at each poll, so it is rounded up to
   * a whole number of poll intervals.
   */
  rescanIntervalMs?: number;
  log?: (message: string) => void;
}

export class Poller {
  readonly #targets: (Endpoint | PendingTarget)[];
  readonly #probes: readonly Probe[];
  readonly #opts: Required<Omit<PollerOptions, 'log'>> & Pick<PollerOptions, 'log'>;
  /** Keyed by the target as given: a pending target keeps its entry once it opens. */
  readonly #state = new Map<Endpoint | PendingTarget, EndpointState>();
  readonly #unsupported = new Map<Endpoint, Set<string>>();
  readonly #discoveries = new Map<PendingTarget, Discovery>();
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
    this.#opts = { intervalMs: 15_000, timeoutMs: 5_000, concurrency: 64, rescanIntervalMs: 30_000, ...opts };
    for (const t of this.#targets) {
      if (isPending(t) && t.rescans) {
        this.#discoveries.set(t, {
          target: t,
          name: t.name,
          failures: 0,
          endpoints: 0,
          found: false,
          eps: [],
          lastScanMs: 0,
        });
      }
    }
  }

  /** Every discovery: its failed scans and the endpoints it found last. */
  get scans(): ScanState[] {
    return [...this.#discoveries.values()].map(({ name, failures, endpoints }) => ({
      name,
      failures,
      endpoints,
    }));
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
    // Due rescans run beside the poll of the current endpoints, so a slow or hanging mctpd never
    // delays it; what they find is applied once the poll is over (new endpoints are polled from the
    // next poll on; gone ones are closed when no poll of theirs is under way).
    const scans = this.#rescanDue(t0);
    // A snapshot: a pending target that opens replaces itself in #targets while this poll runs.
    const polls = mapSettled([...this.#targets], (t) => this.#pollTarget(t), {
      concurrency: this.#opts.concurrency,
    }).then(() => {
      this.lastPollSeconds = (performance.now() - t0) / 1000;
    });
    const [found] = await Promise.all([scans, polls]);
    for (const [d, current] of found) await this.#follow(d, current);
  }

  /** Runs again every discovery whose rescan interval has passed: the sets that the scans answered. */
  async #rescanDue(now: number): Promise<[Discovery, Endpoint[]][]> {
    const every = this.#opts.rescanIntervalMs;
    const out: [Discovery, Endpoint[]][] = [];
    if (!(every > 0)) return out;
    for (const d of this.#discoveries.values()) {
      if (!d.found || now - d.lastScanMs < every) continue;
      const current = await this.#rescan(d, now);
      if (current) out.push([d, current]);
    }
    return out;
  }

  /** One rescan; a failure is counted and logged once per reason, and keeps the current set. */
  async #rescan(d: Discovery, now: number): Promise<Endpoint[] | undefined> {
    d.lastScanMs = now;
    try {
      const opened = await d.target.open();
      if (d.lastError !== undefined) this.#opts.log?.(`rescan of ${d.name} works again`);
      d.lastError = undefined;
      return Array.isArray(opened) ? opened : [opened];
    } catch (e) {
      d.failures++;
      const message = (e as Error)?.message ?? String(e);
      if (d.lastError !== message) {
        this.#opts.log?.(
          `rescan of ${d.name} failed (keeping its ${d.eps.length} endpoint(s), trying again next interval): ${message}`,
        );
      }
      d.lastError = message;
      return undefined;
    }
  }

  /** Makes the polled set what the discovery answered: adds the new endpoints, closes the gone. */
  async #follow(d: Discovery, current: Endpoint[]): Promise<void> {
    d.endpoints = current.length;
    const gone = d.eps.filter((ep) => !current.includes(ep));
    const added = current.filter((ep) => !d.eps.includes(ep) && !this.#targets.includes(ep));
    d.eps = current;
    for (const ep of gone) {
      const at = this.#targets.indexOf(ep);
      if (at >= 0) this.#targets.splice(at, 1);
      this.#state.delete(ep);
      this.#unsupported.delete(ep);
      this.#opts.log?.(`${ep.description} is gone from ${d.name}: closed, its series removed`);
      try {
        await ep.close();
      } catch (e) {
        this.#opts.log?.(`closing ${ep.description}: ${(e as Error).message}`);
      }
    }
    if (added.length > 0) {
      this.#opts.log?.(`${d.name} found ${added.map((ep) => ep.description).join(', ')}`);
      this.#targets.push(...added);
    }
  }

  /** Polls an open endpoint; tries again to open a pending one first. */
  async #pollTarget(target: Endpoint | PendingTarget): Promise<void> {
    if (!isPending(target)) return this.#pollOne(target);
    const discovery = this.#discoveries.get(target);
    const prev = this.#state.get(target);
    const t0 = performance.now();
    let opened: Endpoint | Endpoint[];
    try {
      opened = await target.open();
    } catch (e) {
      if (discovery) discovery.failures++;
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
    if (discovery) {
      discovery.found = true;
      discovery.eps = eps;
      discovery.endpoints = eps.length;
      discovery.lastScanMs = t0;
    }
    const at = this.#targets.indexOf(target);
    if (at >= 0) this.#targets.splice(at, 1, eps[0]);
    else this.#targets.push(eps[0]);
    this.#targets.push(...eps.slice(1));
    // A named device keeps the failed opens as its poll errors; a discovery's failed scans are
    // its own counter (cxl_exporter_scan_failures_total), not the first endpoint's errors.
    const carried = discovery ? 0 : prev?.errors;
    await Promise.all(eps.map((ep, k) => this.#pollOne(ep, k === 0 ? carried : 0)));
  }

  async #pollOne(ep: Endpoint, earlierErrors = 0): Promise<void> {
    let prev = this.#state.get(ep);
    const labels: EndpointLabels = prev
      ? { ...prev.labels }
      : {
          serial: ep.identity ? serialLabel(ep.identity.serial_num) : 'unknown',
          device: ep.description,
          transport: ep.transport.kind,
        };
    const t0 = performance.now();
    let skip = this.#unsupported.get(ep) ?? new Set<string>();
    this.#unsupported.set(ep, skip);
    const samples: Sample[] = [];
    const signal = AbortSignal.timeout(this.#opts.timeoutMs);
    try {
      const id = await ep.identify({ signal });
      const serial = serialLabel(id.serial_num);
      if (prev && labels.serial !== 'unknown' && labels.serial !== serial) {
        // The same address (an MCTP EID reused) now answers for another device: it inherits
        // nothing of the old one's series, error count or unsupported commands.
        this.#opts.log?.(
          `${ep.description} now reports serial ${serial} (was ${labels.serial}): another device, its series start afresh`,
        );
        prev = undefined;
        earlierErrors = 0;
        skip = new Set<string>();
        this.#unsupported.set(ep, skip);
      }
      labels.serial = serial;
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
