/**
 * What the exporter reads from each endpoint. A probe turns one or more commands into samples;
 * a probe whose command the device does not support is skipped for that endpoint from then on.
 */
import type { identify } from '../commands/generic/info-status.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import type { Infer } from '../protocol/layout/index.js';

export interface Sample {
  /** Metric name (without labels). */
  metric: string;
  value: number;
  /** Extra labels besides the endpoint's own. */
  labels?: Record<string, string>;
}

export interface ProbeContext {
  /** The endpoint's Identify response from this poll. */
  id: Infer<typeof identify.response>;
  /** Fires when the endpoint's poll deadline passes; pass it to every command. */
  signal: AbortSignal;
}

export interface Probe {
  name: string;
  collect(ep: Endpoint, ctx: ProbeContext): Promise<Sample[]>;
}

export interface MetricFamily {
  help: string;
  type: 'gauge' | 'counter';
  /** Labels beyond the endpoint's own (serial, device, transport). */
  labels?: readonly string[];
}

/** Metric families the exporter serves. Every sample a probe emits must name one of these. */
export const METRICS: Record<string, MetricFamily> = {
  cxl_up: { help: 'Whether the last poll of the endpoint succeeded (1) or failed (0).', type: 'gauge' },
  cxl_device_info: {
    help: 'Identity of the endpoint (always 1): vendor, device and component type as labels.',
    type: 'gauge',
    labels: ['vendor_id', 'device_id', 'component_type'],
  },
  cxl_device_timestamp_seconds: {
    help: "The device's own clock (Get Timestamp), in seconds since the epoch; 0 if it was never set.",
    type: 'gauge',
  },
  cxl_poll_duration_seconds: { help: 'How long the last poll of the endpoint took.', type: 'gauge' },
  cxl_poll_errors_total: {
    help: 'Polls of the endpoint that failed since the exporter started.',
    type: 'counter',
  },
};

const hex = (n: number, w: number) => `0x${n.toString(16).padStart(w, '0')}`;

export const identityProbe: Probe = {
  name: 'identity',
  async collect(_ep, { id }) {
    return [
      {
        metric: 'cxl_device_info',
        value: 1,
        labels: {
          vendor_id: hex(id.vendor_id, 4),
          device_id: hex(id.device_id, 4),
          component_type: id.component_type === undefined ? 'unknown' : hex(id.component_type, 2),
        },
      },
    ];
  },
};

export const timestampProbe: Probe = {
  name: 'timestamp',
  async collect(ep, { signal }) {
    const { timestamp } = await ep.getTimestamp({ signal });
    return [{ metric: 'cxl_device_timestamp_seconds', value: Number(timestamp) / 1e9 }];
  },
};

/** Every probe the exporter runs, in order. */
export const defaultProbes: Probe[] = [identityProbe, timestampProbe];
