/**
 * What the exporter reads from each endpoint. A probe turns one or more commands into samples;
 * a probe whose command the device does not support is skipped for that endpoint from then on.
 */
import type { identify } from '../commands/generic/info-status.js';
import { deviceTemperature, lifeUsed, mediaStatusName } from '../commands/memdev/health-status.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import type { Infer } from '../protocol/layout/index.js';
import { RAS_METRICS, rasProbe } from './ras-probe.js';

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
  /** Runs `fn` once per poll of this endpoint and shares its result between probes. */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
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
  cxl_health_status: {
    help: 'Get Health Info Health Status byte (bit 0 maintenance needed, 1 performance degraded, 2 hardware replacement needed).',
    type: 'gauge',
  },
  cxl_health_condition: {
    help: 'One Health Status condition (1 when set): maintenance_needed, performance_degraded, hardware_replacement_needed.',
    type: 'gauge',
    labels: ['condition'],
  },
  cxl_media_status: {
    help: 'Get Health Info Media Status code (0 normal; see CXL r3.1 §8.2.9.9.3.1), with its name as a label.',
    type: 'gauge',
    labels: ['status'],
  },
  cxl_life_used_ratio: {
    help: 'Device life used, 0 to 1 (absent when the device does not report it).',
    type: 'gauge',
  },
  cxl_temperature_celsius: {
    help: 'Device temperature (absent when the device does not report it).',
    type: 'gauge',
  },
  cxl_dirty_shutdowns_total: {
    help: 'Dirty Shutdown Count the device reports (a device count: it may reset).',
    type: 'counter',
  },
  cxl_corrected_errors_total: {
    help: 'Corrected error counts the device reports, by memory kind (volatile, persistent); device counts, they may reset.',
    type: 'counter',
    labels: ['memory'],
  },
  cxl_poison_records: { help: 'Media error records in the poison list.', type: 'gauge' },
  cxl_poison_list_overflow: { help: '1 when the poison list has overflowed.', type: 'gauge' },
  cxl_event_records: {
    help: 'Event records waiting in each event log (a lower bound when the device has more than one response holds).',
    type: 'gauge',
    labels: ['log'],
  },
  cxl_firmware_info: {
    help: 'Firmware in each slot (always 1); `active` is "true" for the running slot.',
    type: 'gauge',
    labels: ['slot', 'revision', 'active'],
  },
  cxl_capacity_bytes: {
    help: 'Memory device capacity by kind: total, volatile (volatile-only), persistent (persistent-only) from Identify Memory Device; active_volatile, active_persistent from Get Partition Info.',
    type: 'gauge',
    labels: ['kind'],
  },
  cxl_poll_duration_seconds: { help: 'How long the last poll of the endpoint took.', type: 'gauge' },
  cxl_poll_errors_total: {
    help: 'Polls of the endpoint that failed since the exporter started.',
    type: 'counter',
  },
  ...RAS_METRICS,
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

export const healthProbe: Probe = {
  name: 'health',
  async collect(ep, { signal }) {
    const h = await ep.getHealthInfo({ signal });
    const out: Sample[] = [
      { metric: 'cxl_health_status', value: h.health_status },
      ...Object.entries(h.health_status_bits).map(([condition, on]) => ({
        metric: 'cxl_health_condition',
        value: on ? 1 : 0,
        labels: { condition },
      })),
      {
        metric: 'cxl_media_status',
        value: h.media_status,
        labels: { status: mediaStatusName(h.media_status) },
      },
      { metric: 'cxl_dirty_shutdowns_total', value: h.dirty_shutdown_count },
      {
        metric: 'cxl_corrected_errors_total',
        value: h.corrected_volatile_error_count,
        labels: { memory: 'volatile' },
      },
      {
        metric: 'cxl_corrected_errors_total',
        value: h.corrected_persistent_error_count,
        labels: { memory: 'persistent' },
      },
    ];
    const life = lifeUsed(h);
    if (life !== undefined) out.push({ metric: 'cxl_life_used_ratio', value: life / 100 });
    const celsius = deviceTemperature(h);
    if (celsius !== undefined) out.push({ metric: 'cxl_temperature_celsius', value: celsius });
    return out;
  },
};

export const capacityProbe: Probe = {
  name: 'capacity',
  async collect(ep, { signal, once }) {
    const m = await once('memdevIdentify', () => ep.memdevIdentify({ signal }));
    return [
      { metric: 'cxl_capacity_bytes', value: Number(m.total_capacity_bytes), labels: { kind: 'total' } },
      {
        metric: 'cxl_capacity_bytes',
        value: Number(m.volatile_capacity_bytes),
        labels: { kind: 'volatile' },
      },
      {
        metric: 'cxl_capacity_bytes',
        value: Number(m.persistent_capacity_bytes),
        labels: { kind: 'persistent' },
      },
    ];
  },
};

export const partitionProbe: Probe = {
  name: 'partition',
  async collect(ep, { signal }) {
    const p = await ep.getPartitionInfo({ signal });
    return [
      {
        metric: 'cxl_capacity_bytes',
        value: Number(p.active_vmem_bytes),
        labels: { kind: 'active_volatile' },
      },
      {
        metric: 'cxl_capacity_bytes',
        value: Number(p.active_pmem_bytes),
        labels: { kind: 'active_persistent' },
      },
    ];
  },
};

export const poisonProbe: Probe = {
  name: 'poison',
  async collect(ep, { signal, once }) {
    const m = await once('memdevIdentify', () => ep.memdevIdentify({ signal }));
    // The whole device, in 64-byte units (CXL r3.1 §8.2.9.9.4.1).
    const r = await ep.getPoisonList(
      { get_poison_list_phy_addr: 0n, get_poison_list_phy_addr_len: m.total_capacity_bytes / 64n },
      { signal },
    );
    return [
      { metric: 'cxl_poison_records', value: r.records.length },
      { metric: 'cxl_poison_list_overflow', value: r.poison_list_flags_bits.poison_list_overflow ? 1 : 0 },
    ];
  },
};

const EVENT_LOGS = ['informational', 'warning', 'failure', 'fatal'] as const;

export const eventsProbe: Probe = {
  name: 'events',
  async collect(ep, { signal }) {
    const out: Sample[] = [];
    for (let log = 0; log < EVENT_LOGS.length; log++) {
      const r = await ep.getEventRecords({ event_log: log }, { signal });
      out.push({ metric: 'cxl_event_records', value: r.record_count, labels: { log: EVENT_LOGS[log] } });
    }
    return out;
  },
};

export const firmwareProbe: Probe = {
  name: 'firmware',
  async collect(ep, { signal }) {
    const fw = await ep.getFwInfo({ signal });
    const revs = [fw.fw_rev1, fw.fw_rev2, fw.fw_rev3, fw.fw_rev4];
    const out: Sample[] = [];
    for (let i = 0; i < Math.min(fw.slots_supported, 4); i++) {
      if (!revs[i]) continue;
      out.push({
        metric: 'cxl_firmware_info',
        value: 1,
        labels: {
          slot: String(i + 1),
          revision: revs[i],
          active: String(fw.slot_info_bits.active_slot === i + 1),
        },
      });
    }
    return out;
  },
};

/** Every probe the exporter runs, in order. Probes a device does not support are skipped for it. */
export const defaultProbes: Probe[] = [
  identityProbe,
  timestampProbe,
  firmwareProbe,
  capacityProbe,
  partitionProbe,
  healthProbe,
  poisonProbe,
  eventsProbe,
  rasProbe,
];
