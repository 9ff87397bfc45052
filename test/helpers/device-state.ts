/**
 * Every emulated device's state as comparable text, to show that a command changed exactly the
 * device it named. The walk reads each device's fields (TypeScript `private` ones included) and,
 * for the classes that keep their state in `#` fields, what they expose (event records, labels,
 * feature values, logs, the background operation, the timestamp). A device stops the walk into
 * another device: each one is compared on its own.
 */
import { BackgroundOperations } from '../../src/emulator/background.js';
import { EmulatedDevice } from '../../src/emulator/device.js';
import type { Fabric } from '../../src/emulator/fabric/fabric.js';
import { MhdDevice } from '../../src/emulator/fabric/mhd.js';
import { MldDevice } from '../../src/emulator/fabric/mld.js';
import { DeviceLogs } from '../../src/emulator/generic/device-logs.js';
import { EventLog } from '../../src/emulator/generic/event-log.js';
import { FeatureStore } from '../../src/emulator/generic/feature-store.js';
import { FirmwareState } from '../../src/emulator/generic/firmware-state.js';
import { ResponseLimit } from '../../src/emulator/generic/response-limit.js';
import { TimestampState } from '../../src/emulator/generic/timestamp.js';
import { LabelStorage } from '../../src/emulator/memdev/label-storage.js';

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

function isDeviceLike(v: object): boolean {
  return v instanceof EmulatedDevice || v instanceof MldDevice || v instanceof MhdDevice;
}

function walk(v: unknown, root: object, seen: Set<object>): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v !== 'object') return v;
  if (v !== root && isDeviceLike(v)) return '<another device>';
  if (seen.has(v)) return '<seen>';
  seen.add(v);
  const w = (x: unknown) => walk(x, root, seen);
  if (ArrayBuffer.isView(v)) return hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [w(k), w(x)]);
  if (v instanceof Set) return [...v].map(w);
  if (Array.isArray(v)) return v.map(w);
  if (v instanceof TimestampState) return { timestamp: w(v.get()) };
  if (v instanceof EventLog) return { records: w(v.peek(v.size)), overflow: w(v.overflow) };
  if (v instanceof LabelStorage) return { lsa: hex(v.data) };
  if (v instanceof ResponseLimit) return { log2: v.log2 };
  if (v instanceof BackgroundOperations) return w(v.status());
  if (v instanceof DeviceLogs)
    return v.list().map((l) => ({ uuid: l.uuid, data: hex(v.read(l.uuid, 0, l.log_size)) }));
  if (v instanceof FeatureStore) {
    return v.entries(0, v.count).map((e) => ({
      entry: w(e),
      value: w(safeRead(() => v.read(e.feature_id, 0, e.get_feature_size, 0))),
    }));
  }
  const out: Record<string, unknown> = {};
  if (v instanceof FirmwareState) out.transferring = v.transferring;
  for (const k of Object.keys(v)) {
    if (k === 'clock') continue;
    out[k] = w((v as Record<string, unknown>)[k]);
  }
  return out;
}

function safeRead(f: () => Uint8Array): Uint8Array | string {
  try {
    return f();
  } catch (e) {
    return `unreadable: ${(e as Error).message}`;
  }
}

/** One device's state as JSON text. */
export function stateOf(device: object): string {
  return JSON.stringify(walk(device, device, new Set()));
}

/**
 * Every device of a fabric by name: `switch0`; `sld0`; `mld0` (the MLD's own state: allocations,
 * QoS), `mld0.fm` (its FM-owned LD), `mld0.ld1`; `mhd0` (its LD map and DCD state), `mhd0.head0`,
 * `mhd0.pool`.
 */
export function devicesOf(fabric: Fabric): Map<string, object> {
  const out = new Map<string, object>();
  if (fabric.switch) out.set(fabric.switchName, fabric.switch);
  for (const n of fabric.nodes.values()) {
    if (n.kind === 'sld') out.set(n.name, n.device);
    if (n.kind === 'mld') {
      out.set(n.name, n.device);
      out.set(`${n.name}.fm`, n.device.cci);
      for (const [i, ld] of n.device.lds.entries()) out.set(`${n.name}.ld${i}`, ld);
    }
    if (n.kind === 'mhd') {
      out.set(n.name, n.device);
      for (const [i, h] of n.device.heads.entries()) out.set(`${n.name}.head${i}`, h);
      out.set(`${n.name}.pool`, n.device.pool);
    }
  }
  return out;
}

export type Snapshot = Map<string, string>;

export function snapshot(devices: Map<string, object>): Snapshot {
  return new Map([...devices].map(([name, d]) => [name, stateOf(d)]));
}

/** Names of the devices whose state differs between two snapshots, sorted. */
export function changed(before: Snapshot, after: Snapshot): string[] {
  return [...before.keys()].filter((k) => before.get(k) !== after.get(k)).sort();
}
