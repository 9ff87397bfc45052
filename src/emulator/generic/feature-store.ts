/**
 * Features the emulated device supports (CXL r3.1 §8.2.9.6): each keeps its current, default and
 * saved readable attributes, and Set Feature data arrives whole or in ordered parts.
 */
import {
  CXLMI_RET_FEATURESELVALUE,
  CXLMI_RET_FEATURETRANSFERIP,
  CXLMI_RET_FEATURETRANSFEROOO,
  CXLMI_RET_FEATUREVERSION,
  CXLMI_RET_INPUT,
  CXLMI_RET_UNSUPPORTED,
} from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

export interface EmulatedFeature {
  readonly uuid: string;
  readonly getVersion: number;
  readonly setVersion: number;
  /** Set Feature Effects (Table 8-75 bits). */
  readonly effects: number;
  /** Size of the writable attributes; 0 when the feature cannot be changed. */
  readonly setSize: number;
  readonly defaultSelection: boolean;
  readonly savedSelection: boolean;
  /** Deepest Reset Persistence encoding (attribute flags bits 3:1). */
  readonly resetPersistence: number;
  /** Readable attributes at manufacture time. */
  readonly defaults: Uint8Array;
  /** Applies complete writable attributes to the readable ones; throws DeviceReturn to refuse. */
  apply(current: Uint8Array, writable: Uint8Array): Uint8Array;
}

interface FeatureState {
  readonly def: EmulatedFeature;
  current: Uint8Array;
  saved: Uint8Array;
}

interface PendingSet {
  uuid: string;
  buffer: Uint8Array;
  next: number;
  lastOffset: number;
  lastLength: number;
  save: boolean;
}

export class FeatureStore {
  readonly #features: FeatureState[] = [];
  readonly #byUuid = new Map<string, FeatureState>();
  #pending: PendingSet | undefined;

  constructor(features: readonly EmulatedFeature[]) {
    for (const def of features) {
      const st = { def, current: new Uint8Array(def.defaults), saved: new Uint8Array(def.defaults) };
      this.#features.push(st);
      this.#byUuid.set(def.uuid, st);
    }
  }

  get count(): number {
    return this.#features.length;
  }

  /** Supported Feature Entry values for features [start, start + max). */
  entries(start: number, max: number) {
    return this.#features.slice(start, start + Math.max(0, max)).map((st, i) => {
      const d = st.def;
      const attribute_flags =
        (d.setSize > 0 ? 1 : 0) |
        ((d.resetPersistence & 7) << 1) |
        (d.defaultSelection ? 1 << 5 : 0) |
        (d.savedSelection ? 1 << 6 : 0);
      return {
        feature_id: d.uuid,
        feature_index: start + i,
        get_feature_size: d.defaults.length,
        set_feature_size: d.setSize,
        attribute_flags,
        get_feature_version: d.getVersion,
        set_feature_version: d.setSize > 0 ? d.setVersion : 0,
        set_feature_effects: d.setSize > 0 ? d.effects : 0,
      };
    });
  }

  /** Get Feature (Table 8-99): bytes [offset, offset + count) of the selected value, cut at its end. */
  read(uuid: string, offset: number, count: number, selection: number): Uint8Array {
    const st = this.#byUuid.get(uuid);
    if (!st) throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
    let value: Uint8Array;
    if (selection === 0) value = st.current;
    else if (selection === 1 && st.def.defaultSelection) value = st.def.defaults;
    else if (selection === 2 && st.def.savedSelection) value = st.saved;
    else throw new DeviceReturn(CXLMI_RET_FEATURESELVALUE);
    if (offset >= value.length) throw new DeviceReturn(CXLMI_RET_INPUT);
    return value.slice(offset, Math.min(value.length, offset + count));
  }

  /** Set Feature (Table 8-101). */
  write(
    uuid: string,
    action: number,
    save: boolean,
    offset: number,
    version: number,
    data: Uint8Array,
  ): void {
    if (action > 4) throw new DeviceReturn(CXLMI_RET_INPUT);
    const p = this.#pending;
    if (action === 4) {
      if (!p || (uuid !== p.uuid && uuid !== ALL_FS)) throw new DeviceReturn(CXLMI_RET_INPUT);
      this.#pending = undefined;
      return;
    }
    const key = uuid === ALL_FS && p ? p.uuid : uuid;
    const st = this.#byUuid.get(key);
    if (!st) throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
    const d = st.def;
    if (d.setSize === 0) throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
    if (version !== d.setVersion) throw new DeviceReturn(CXLMI_RET_FEATUREVERSION);
    if (action === 0 || action === 1) {
      if (p) throw new DeviceReturn(CXLMI_RET_FEATURETRANSFERIP);
      const start = action === 0 ? 0 : offset;
      if (data.length === 0 || start + data.length > d.setSize) throw new DeviceReturn(CXLMI_RET_INPUT);
      if (action === 0) {
        this.#commit(st, pad(data, d.setSize), save);
        return;
      }
      if (offset !== 0) throw new DeviceReturn(CXLMI_RET_FEATURETRANSFEROOO);
      const buffer = new Uint8Array(d.setSize);
      buffer.set(data, 0);
      this.#pending = { uuid: key, buffer, next: data.length, lastOffset: 0, lastLength: data.length, save };
      return;
    }
    // Continue (2) or Finish (3).
    if (!p) throw new DeviceReturn(CXLMI_RET_FEATURETRANSFEROOO);
    if (p.uuid !== key) throw new DeviceReturn(CXLMI_RET_FEATURETRANSFERIP);
    const retransmit = offset === p.lastOffset && data.length === p.lastLength;
    if (!retransmit && offset !== p.next) {
      this.#pending = undefined;
      throw new DeviceReturn(CXLMI_RET_FEATURETRANSFEROOO);
    }
    if (offset + data.length > d.setSize) throw new DeviceReturn(CXLMI_RET_INPUT);
    p.buffer.set(data, offset);
    if (!retransmit) {
      p.next = offset + data.length;
      p.lastOffset = offset;
      p.lastLength = data.length;
    }
    if (action === 3) {
      this.#pending = undefined;
      this.#commit(st, p.buffer, p.save);
    }
  }

  #commit(st: FeatureState, writable: Uint8Array, save: boolean): void {
    const next = st.def.apply(st.current, writable);
    st.current = next;
    if (save && st.def.savedSelection) st.saved = new Uint8Array(next);
  }
}

/** Set Feature's "current transfer" identifier: the UUID of all Fs. */
const ALL_FS = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

function pad(data: Uint8Array, size: number): Uint8Array {
  if (data.length >= size) return data;
  const out = new Uint8Array(size);
  out.set(data);
  return out;
}
