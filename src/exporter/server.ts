/** The exporter's HTTP server: /metrics in the Prometheus text format, bound to loopback by default. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiUsageError } from '../errors.js';
import { DEFAULT_LISTEN } from './defaults.js';
import { Poller, type PollerOptions } from './poller.js';
import { defaultProbes, type Probe } from './probes.js';
import { buildRegistry } from './registry.js';

export { DEFAULT_LISTEN };

export interface ExporterOptions extends PollerOptions {
  /** host:port (default 127.0.0.1:9864; port 0 picks a free one). */
  listen?: string;
  probes?: Probe[];
}

export interface Exporter {
  /** The address actually bound (host:port). */
  address: string;
  poller: Poller;
  close(): Promise<void>;
}

export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  const port = m ? Number(m[3]) : Number.NaN;
  if (!m || port > 65535) throw new CxlmiUsageError(`--listen takes HOST:PORT, got '${text}'`);
  return { host: m[1] ?? m[2], port };
}

export async function startExporter(
  endpoints: readonly Endpoint[],
  opts: ExporterOptions = {},
): Promise<Exporter> {
  const { host, port } = parseListen(opts.listen ?? DEFAULT_LISTEN);
  const poller = new Poller(endpoints, opts.probes ?? defaultProbes, opts);
  const registry = buildRegistry(poller);
  await poller.start();
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
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
