/** The Prometheus registry: one family per METRICS entry, filled from the poller's cache at scrape time. */
import { Gauge, Registry } from 'prom-client';
import type { Poller } from './poller.js';
import { METRICS } from './probes.js';

const ENDPOINT_LABELS = ['serial', 'device', 'transport'] as const;

export function buildRegistry(poller: Poller): Registry {
  const registry = new Registry();
  for (const [name, family] of Object.entries(METRICS)) {
    const labelNames = [...ENDPOINT_LABELS, ...(family.labels ?? [])];
    new Gauge({
      name,
      help: family.help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const s of poller.states) {
          const base = { ...s.labels };
          if (name === 'cxl_up') this.set(base, s.up ? 1 : 0);
          else if (name === 'cxl_poll_duration_seconds') this.set(base, s.durationSeconds);
          else if (name === 'cxl_poll_errors_total') this.set(base, s.errors);
          else {
            for (const sample of s.samples) {
              if (sample.metric === name) this.set({ ...base, ...sample.labels }, sample.value);
            }
          }
        }
      },
    });
  }
  new Gauge({
    name: 'cxl_exporter_poll_duration_seconds',
    help: 'How long the last poll of every endpoint took.',
    registers: [registry],
    collect() {
      this.set(poller.lastPollSeconds);
    },
  });
  return registry;
}
