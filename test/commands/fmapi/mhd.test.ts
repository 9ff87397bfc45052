import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeadInfo, getMultiheadedInfo } from '../../../src/commands/fmapi/mhd.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('Get Multi-Headed Info (5500h)', () => {
  it('encodes start LD and map limit', () => {
    assert.deepEqual([...getMultiheadedInfo.encodeRequest({ start_ld_id: 0, ld_map_list_limit: 4 })], [0, 4]);
  });
  // 00h LDs, 01h heads, 02h 2 rsvd, 04h start LD, 05h map length, 06h 2 rsvd, 08h one head per LD.
  it('decodes the LD-to-head map', () => {
    const v = getMultiheadedInfo.response.decode(hex('02 02 00 00 00 02 00 00 00 01'));
    assert.equal(v.num_lds, 2);
    assert.equal(v.num_heads, 2);
    assert.deepEqual([...v.ld_map], [0, 1]);
    assert.throws(
      () => getMultiheadedInfo.response.decode(hex('02 02 00 00 00 02 00 00 00')),
      CxlmiDecodeError,
    );
  });
});

describe('Get Head Info (5501h)', () => {
  // Header: number of heads, 3 rsvd; 9-byte blocks: port, max width, negotiated width, speeds vector,
  // max speed, current speed, LTSSM state, first lane, link state flags.
  const RSP = hex('02 00 00 00  05 10 10 3f 06 06 04 00 00  06 08 08 3f 06 05 04 08 01');
  it('decodes every head block', () => {
    assert.deepEqual([...getHeadInfo.encodeRequest({ start_head: 0, num_heads: 2 })], [0, 2]);
    const v = getHeadInfo.response.decode(RSP);
    assert.equal(v.head_info_list.length, 2);
    assert.equal(v.head_info_list[1].port_num, 6);
    assert.equal(v.head_info_list[1].field_2, 8);
    assert.equal(v.head_info_list[1].first_negotiated_lane_num, 8);
    assert.equal(v.head_info_list[1].link_state_flags, 1);
    assert.throws(() => getHeadInfo.response.decode(RSP.subarray(0, 20)), CxlmiDecodeError);
  });
});
