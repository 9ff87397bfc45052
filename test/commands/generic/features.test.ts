/** Features command set (CXL r3.1 §8.2.9.6). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getFeature, getSupportedFeatures, setFeature } from '../../../src/commands/generic/features.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

const PATROL_SCRUB = '96dad7d6-fde8-482b-a733-75774e06db8a';
const PATROL_SCRUB_BYTES = '96 da d7 d6 fd e8 48 2b a7 33 75 77 4e 06 db 8a';

describe('Get Supported Features (0500h)', () => {
  it('encodes count (bytes, not entries) and starting index (Table 8-95)', () => {
    assert.deepEqual(
      [...getSupportedFeatures.encodeRequest({ count: 0x38, starting_feature_index: 2 })],
      [0x38, 0, 0, 0, 2, 0, 0, 0],
    );
  });

  // Table 8-96 header then one Table 8-97 entry (30h bytes).
  const bytes = hex(`
    01 00 03 00 ${zeros(4)}
    ${PATROL_SCRUB_BYTES}
    02 00           # 10h feature index
    04 00 02 00     # 12h get size 4, 14h set size 2
    69 00 00 00     # 16h attributes: changeable, reset persistence 100b (cold), default + saved selection
    01 01           # 1Ah get / set version
    02 02           # 1Ch set feature effects: immediate config change, CEL[11:10] valid
    ${zeros(18)}`);

  it('decodes entries with named attribute flags and effects', () => {
    const r = getSupportedFeatures.response.decode(bytes);
    assert.equal(r.num_supported_feature_entries, 1);
    assert.equal(r.device_supported_features, 3);
    const [e] = r.supported_feature_entries;
    assert.equal(e.feature_id, PATROL_SCRUB);
    assert.equal(e.feature_index, 2);
    assert.equal(e.get_feature_size, 4);
    assert.equal(e.set_feature_size, 2);
    assert.deepEqual(e.attribute_flags_bits, {
      changeable: true,
      deepest_reset_persistence: 4,
      persist_across_fw_update: false,
      default_selection_supported: true,
      saved_selection_supported: true,
    });
    assert.equal(e.set_feature_effects_bits.immediate_config_change, true);
    assert.equal(e.set_feature_effects_bits.cel_11_10_valid, true);
  });

  it('an entry cut short is a decode error naming the command', () => {
    assert.throws(
      () => getSupportedFeatures.response.decode(bytes.subarray(0, 0x20), 'get_supported_features'),
      (e: unknown) => e instanceof CxlmiDecodeError && e.command === 'get_supported_features',
    );
  });
});

describe('Get Feature (0501h) and Set Feature (0502h)', () => {
  it('get encodes id, offset, count and selection (Table 8-99)', () => {
    const req = getFeature.encodeRequest({ feature_id: PATROL_SCRUB, offset: 1, count: 3, selection: 2 });
    assert.deepEqual(req, hex(`${PATROL_SCRUB_BYTES} 01 00 03 00 02`));
    assert.deepEqual([...getFeature.response.decode(hex('03 0c 01 00')).feature_data], [3, 12, 1, 0]);
  });

  it('set encodes flags, offset, version and the data after 20h (Table 8-101)', () => {
    const req = setFeature.encodeRequest({
      feature_id: PATROL_SCRUB,
      set_feature_flags: 0x09, // action Initiate, saved across reset
      offset: 0,
      version: 1,
      feature_data: Uint8Array.of(6, 1),
    });
    assert.deepEqual(req, hex(`${PATROL_SCRUB_BYTES} 09 00 00 00 00 00 01 ${zeros(9)} 06 01`));
  });
});
