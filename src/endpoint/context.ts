/**
 * A Context holds endpoints, logging and the probe setting, and opens endpoints on any transport.
 */
import { cxlRoles, discoverMctpEndpoints, type MctpdScanOptions } from '../discovery/index.js';
import { CxlmiUnavailableError } from '../errors.js';
import { type MailboxOpenOptions, openMailbox } from '../transport/mailbox/index.js';
import { type MctpOpenOptions, openMctp } from '../transport/mctp/index.js';
import type { Transport } from '../transport/transport.js';
import { Endpoint, type EndpointOwner } from './endpoint.js';
import { LOG_DEBUG, LOG_NOTICE, LOG_WARNING, type LogSink, toSink, type Writable } from './log.js';
import type { EndpointOptions } from './options.js';

export interface ContextOptions {
  /** Messages at this syslog level or more urgent are logged (default LOG_WARNING = 4). */
  logLevel?: number;
  /** A function, or a stream to write lines to (default stderr). */
  log?: LogSink | Writable | null;
  /** Send Identify to each endpoint as it opens (default true, as libcxlmi). */
  probe?: boolean;
}

export class Context implements EndpointOwner {
  logLevel: number;
  /** Probe endpoints with Identify when they open. */
  probe: boolean;
  readonly #sink: LogSink;
  readonly #endpoints = new Set<Endpoint>();
  #list: readonly Endpoint[] | undefined;
  #closed = false;

  constructor(opts: ContextOptions = {}) {
    this.logLevel = opts.logLevel ?? LOG_WARNING;
    this.probe = opts.probe ?? true;
    this.#sink = toSink(opts.log);
  }

  /** Open endpoints, in the order they were opened. */
  get endpoints(): readonly Endpoint[] {
    this.#list ??= Object.freeze([...this.#endpoints]);
    return this.#list;
  }

  log(level: number, message: string): void {
    if (level <= this.logLevel) this.#sink(level, message);
  }

  detach(ep: Endpoint): void {
    if (this.#endpoints.delete(ep)) this.#list = undefined;
  }

  /** Opens an endpoint on any transport — yours included. */
  async openTransport(transport: Transport, opts: EndpointOptions = {}): Promise<Endpoint> {
    if (this.#closed) throw new Error('context is closed');
    const ep = new Endpoint(transport, opts, this);
    this.#endpoints.add(ep);
    this.#list = undefined;
    if (this.probe) {
      try {
        await ep.probe();
      } catch (e) {
        // A transport that cannot carry Identify at all (a stock kernel refusing RAW) is expected,
        // not alarming: say it at NOTICE; anything else is a warning.
        const level = e instanceof CxlmiUnavailableError ? LOG_NOTICE : LOG_WARNING;
        this.log(level, `probe of ${ep.description} failed: ${(e as Error).message}`);
      }
    }
    this.log(LOG_DEBUG, `opened ${ep.description}`);
    return ep;
  }

  /**
   * Opens a kernel mailbox endpoint: `mem0` or `/dev/cxl/mem0`. Commands the kernel lists go by
   * their kernel command id; only the others need raw commands enabled in the kernel.
   */
  async open(devname: string, opts: EndpointOptions & MailboxOpenOptions = {}): Promise<Endpoint> {
    return this.openTransport(await openMailbox(devname, opts), opts);
  }

  /** Opens an MCTP endpoint by network id and EID (`minGapMs` for devices that need a pause). */
  async openMctp(net: number, eid: number, opts: EndpointOptions & MctpOpenOptions = {}): Promise<Endpoint> {
    return this.openTransport(await openMctp(net, eid, opts), opts);
  }

  /**
   * Asks mctpd (either D-Bus naming) for every endpoint that speaks CXL (FM-API or CCI) and opens
   * each one. Fails when the bus or mctpd cannot be reached; an endpoint that cannot be opened is
   * logged and skipped.
   */
  async scanMctp(opts: EndpointOptions & MctpOpenOptions & MctpdScanOptions = {}): Promise<Endpoint[]> {
    const found = await discoverMctpEndpoints(opts);
    const out: Endpoint[] = [];
    for (const d of found) {
      const roles = cxlRoles(d);
      if (!roles) continue;
      const { cci, fmapi } = roles;
      if (this.endpoints.some((ep) => ep.description === `mctp:${d.net},${d.eid}`)) continue;
      try {
        out.push(
          await this.openMctp(d.net, d.eid, { ...opts, fmapi: opts.fmapi ?? (fmapi || undefined), cci }),
        );
      } catch (e) {
        this.log(LOG_WARNING, `cannot open mctp:${d.net},${d.eid}: ${(e as Error).message}`);
      }
    }
    return out;
  }

  /** Closes every endpoint. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#endpoints].map((ep) => ep.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
