/** The Prometheus registry: one family per METRICS entry, filled from the poller's cache at scrape time. */
import { Counter, Gauge, Registry } from 'prom-client';
import type { Poller } from './poller.js';
import { METRICS } from './probes.js';

const ENDPOINT_LABELS = ['serial', 'device', 'transport'] as const;

export function buildRegistry(poller: Poller): Registry {
  const registry = new Registry();
  for (const [name, family] of Object.entries(METRICS)) {
    const labelNames = [...ENDPOINT_LABELS, ...(family.labels ?? [])];
    // Values come from the poller's cache at scrape time; a counter is declared one (and named
    // `_total`) so Prometheus and promtool treat it as one, and is set rather than incremented.
    const fill = (set: (labels: Record<string, string>, value: number) => void) => {
      for (const s of poller.states) {
        const base = { ...s.labels };
        if (name === 'cxl_up') set(base, s.up ? 1 : 0);
        else if (name === 'cxl_poll_duration_seconds') set(base, s.durationSeconds);
        else if (name === 'cxl_poll_errors_total') set(base, s.errors);
        else {
          for (const sample of s.samples) {
            if (sample.metric === name) set({ ...base, ...sample.labels }, sample.value);
          }
        }
      }
    };
    if (family.type === 'counter') {
      new Counter({
        name,
        help: family.help,
        labelNames,
        registers: [registry],
        collect() {
          this.reset();
          fill((labels, value) => this.inc(labels, value));
        },
      });
    } else {
      new Gauge({
        name,
        help: family.help,
        labelNames,
        registers: [registry],
        collect() {
          this.reset();
          fill((labels, value) => this.set(labels, value));
        },
      });
    }
  }
  new Gauge({
    name: 'cxl_exporter_poll_duration_seconds',
    help: 'How long the last poll of every endpoint took.',
    registers: [registry],
    collect() {
      this.set(poller.lastPollSeconds);
    },
  });
  // Discoveries (--scan): how many endpoints each found last, and how many of its scans failed.
  new Gauge({
    name: 'cxl_exporter_scan_endpoints',
    help: 'Endpoints the last successful scan of the target found.',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of poller.scans) this.set({ target: s.name }, s.endpoints);
    },
  });
  new Counter({
    name: 'cxl_exporter_scan_failures_total',
    help: 'Scans of the target that failed (the endpoints found before are kept and polled).',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of poller.scans) this.inc({ target: s.name }, s.failures);
    },
  });
  return registry;
}
