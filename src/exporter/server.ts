/** The exporter's HTTP server: /metrics in the Prometheus text format, bound to loopback by default. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiTransportError, CxlmiUsageError } from '../errors.js';
import { type PendingTarget, Poller, type PollerOptions } from './poller.js';
import { defaultProbes, type Probe } from './probes.js';
import { buildRegistry } from './registry.js';

export const DEFAULT_LISTEN = '127.0.0.1:9864';

export interface ExporterOptions extends PollerOptions {
  /** host:port, or :port for every interface (default 127.0.0.1:9864; port 0 picks a free one). */
  listen?: string;
  probes?: Probe[];
}

export interface Exporter {
  /** The address actually bound (host:port). */
  address: string;
  poller: Poller;
  close(): Promise<void>;
}

/**
 * `HOST:PORT`, `[IPv6]:PORT`, or `:PORT` for every interface (as node_exporter's
 * `--web.listen-address`); `host` is undefined for every interface.
 */
export function parseListen(text: string): { host: string | undefined; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) throw new CxlmiUsageError(`--listen takes HOST:PORT or :PORT, got '${text}'`);
  return { host: (m[1] ?? m[2]) || undefined, port };
}

/** Binds the server, turning the usual failures into one-line transport errors. */
function listen(server: Server, port: number, host: string | undefined, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const hint =
        e.code === 'EADDRINUSE'
          ? 'the address is already in use (another exporter?); choose another with --listen'
          : e.code === 'EACCES'
            ? 'ports below 1024 need privileges'
            : e.code === 'EADDRNOTAVAIL'
              ? 'no interface of this machine has that address'
              : undefined;
      reject(
        new CxlmiTransportError(`cannot listen on ${text}`, {
          errnoName: e.code,
          syscall: 'listen',
          hint: hint ?? e.message,
          cause: e,
        }),
      );
    });
    server.listen(port, host, () => resolve());
  });
}

/**
 * Serves /metrics for the targets: open endpoints, and pending ones (exported as `cxl_up 0` and
 * opened again at each poll until they open).
 */
export async function startExporter(
  targets: readonly (Endpoint | PendingTarget)[],
  opts: ExporterOptions = {},
): Promise<Exporter> {
  const text = opts.listen ?? DEFAULT_LISTEN;
  const { host, port } = parseListen(text);
  const poller = new Poller(targets, opts.probes ?? defaultProbes, opts);
  const registry = buildRegistry(poller);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType }).end(text);
        },
        (e: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(`${e.message}\n`);
        },
      );
      return;
    }
    if (path === '/') {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<a href="/metrics">cxlmi exporter: /metrics</a>\n');
      return;
    }
    res.writeHead(404).end();
  });
  // Bind first: an address in use ends here, before any device is polled.
  await listen(server, port, host, text);
  await poller.start();
  const a = server.address() as AddressInfo;
  return {
    address: `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`,
    poller,
    async close() {
      await poller.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
