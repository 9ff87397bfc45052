/** The emulated device's features (CXL r3.1 §8.2.9.6), with Device Patrol Scrub Control. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATROL_SCRUB_FEATURE_UUID as PS } from '../../../src/emulator/generic/patrol-scrub.js';
import {
  CXLMI_RET_FEATURESELVALUE,
  CXLMI_RET_FEATURETRANSFERIP,
  CXLMI_RET_FEATURETRANSFEROOO,
  CXLMI_RET_FEATUREVERSION,
  CXLMI_RET_INPUT,
  CXLMI_RET_UNSUPPORTED,
} from '../../../src/protocol/retcodes.js';
import { type Rig, retcodeOf, rig } from './setup.js';

const UNKNOWN = '00112233-4455-6677-8899-aabbccddeeff';

const read = async (r: Rig, selection = 0) => [
  ...(await r.ep.getFeature({ feature_id: PS, offset: 0, count: 4, selection })).feature_data,
];
const set = (
  r: Rig,
  action: number,
  offset: number,
  data: number[],
  opts: { version?: number; save?: boolean } = {},
) =>
  r.ep.setFeature({
    feature_id: PS,
    set_feature_flags: action | (opts.save ? 8 : 0),
    offset,
    version: opts.version ?? 1,
    feature_data: Uint8Array.from(data),
  });

describe('emulated features', () => {
  it('lists supported features within the requested byte count', async () => {
    const r = await rig();
    try {
      const all = await r.ep.getSupportedFeatures({ count: 0x100, starting_feature_index: 0 });
      // The eight memory RAS features; 0x100 bytes hold the header and five 48-byte entries.
      assert.equal(all.device_supported_features, 8);
      assert.equal(all.num_supported_feature_entries, 5);
      const e = all.supported_feature_entries[0];
      assert.equal(e.feature_id, PS);
      assert.equal(e.get_feature_size, 4);
      assert.equal(e.set_feature_size, 2);
      assert.equal(e.attribute_flags_bits.changeable, true);
      const headerOnly = await r.ep.getSupportedFeatures({ count: 8, starting_feature_index: 0 });
      assert.equal(headerOnly.num_supported_feature_entries, 0);
      assert.equal(headerOnly.device_supported_features, 8);
      assert.equal(
        await retcodeOf(r.ep.getSupportedFeatures({ count: 7, starting_feature_index: 0 })),
        CXLMI_RET_INPUT,
      );
      assert.equal(
        await retcodeOf(r.ep.getSupportedFeatures({ count: 0x100, starting_feature_index: 9 })),
        CXLMI_RET_INPUT,
      );
    } finally {
      await r.close();
    }
  });

  it('reads current, default and saved values, cut at the feature size', async () => {
    const r = await rig();
    try {
      assert.deepEqual(await read(r), [0x03, 12, 1, 0]);
      const mid = await r.ep.getFeature({ feature_id: PS, offset: 1, count: 10, selection: 0 });
      assert.deepEqual([...mid.feature_data], [12, 1, 0]);
      assert.equal(
        await retcodeOf(r.ep.getFeature({ feature_id: PS, offset: 4, count: 1, selection: 0 })),
        CXLMI_RET_INPUT,
      );
      assert.equal(await retcodeOf(read(r, 3)), CXLMI_RET_FEATURESELVALUE);
      assert.equal(
        await retcodeOf(r.ep.getFeature({ feature_id: UNKNOWN, offset: 0, count: 4, selection: 0 })),
        CXLMI_RET_UNSUPPORTED,
      );
    } finally {
      await r.close();
    }
  });

  it('sets writable attributes whole, checks version and values, and saves on request', async () => {
    const r = await rig();
    try {
      await set(r, 0, 0, [6, 1]);
      assert.deepEqual(await read(r), [0x03, 6, 1, 1]);
      assert.deepEqual(await read(r, 1), [0x03, 12, 1, 0]);
      assert.deepEqual(await read(r, 2), [0x03, 12, 1, 0]);
      assert.equal(await retcodeOf(set(r, 0, 0, [8, 1], { version: 2 })), CXLMI_RET_FEATUREVERSION);
      assert.equal(await retcodeOf(set(r, 0, 0, [0, 1])), CXLMI_RET_INPUT); // below the 1 h minimum
      assert.equal(await retcodeOf(set(r, 0, 0, [8, 1, 0])), CXLMI_RET_INPUT); // longer than Set Feature Size
      assert.deepEqual(await read(r), [0x03, 6, 1, 1]);
      await set(r, 0, 0, [9, 0], { save: true });
      assert.deepEqual(await read(r, 2), [0x03, 9, 1, 0]);
    } finally {
      await r.close();
    }
  });

  it('takes data in ordered parts, one feature at a time', async () => {
    const r = await rig();
    try {
      assert.equal(await retcodeOf(set(r, 2, 1, [1])), CXLMI_RET_FEATURETRANSFEROOO);
      assert.equal(await retcodeOf(set(r, 4, 0, [])), CXLMI_RET_INPUT);
      await set(r, 1, 0, [7]);
      assert.equal(await retcodeOf(set(r, 0, 0, [7, 1])), CXLMI_RET_FEATURETRANSFERIP);
      assert.deepEqual(await read(r), [0x03, 12, 1, 0]);
      await set(r, 3, 1, [1]);
      assert.deepEqual(await read(r), [0x03, 7, 1, 1]);
      await set(r, 1, 0, [5]);
      await set(r, 4, 0, []);
      assert.deepEqual(await read(r), [0x03, 7, 1, 1]);
    } finally {
      await r.close();
    }
  });
});
