/** Emulator side of the Features command set (CXL r3.1 §8.2.9.6). */
import { getFeature, getSupportedFeatures, setFeature } from '../../commands/generic/features.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';
import type { FeatureStore } from './feature-store.js';
import type { ResponseLimit } from './response-limit.js';

/** Output header and entry sizes (Tables 8-96 / 8-97). */
const HEADER = 8;
const ENTRY = 0x30;

export function registerFeatures(device: EmulatedDevice, store: FeatureStore, limit: ResponseLimit): void {
  device.handle(getSupportedFeatures, (req) => {
    if (req.count < HEADER || req.starting_feature_index > store.count)
      throw new DeviceReturn(CXLMI_RET_INPUT);
    const room = Math.min(req.count, limit.bytes) - HEADER;
    const entries = store.entries(req.starting_feature_index, Math.floor(room / ENTRY));
    return {
      num_supported_feature_entries: entries.length,
      device_supported_features: store.count,
      supported_feature_entries: entries,
    };
  });

  device.handle(getFeature, (req) => {
    if (req.count > limit.bytes) throw new DeviceReturn(CXLMI_RET_INPUT);
    return { feature_data: store.read(req.feature_id, req.offset, req.count, req.selection) };
  });

  device.handle(setFeature, (req) => {
    const f = req.set_feature_flags;
    store.write(req.feature_id, f & 7, (f & 8) !== 0, req.offset, req.version, req.feature_data);
  });
}
