import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDcResponse,
  addDcResponseReq,
  getDcConfig,
  getDcConfigReq,
  getDcConfigRsp,
  getDcExtentList,
  getDcExtentListReq,
  getDcExtentListRsp,
  releaseDc,
  releaseDcReq,
} from '../../../src/commands/memdev/dynamic-capacity.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

const MiB = 1024n * 1024n;

describe('dynamic capacity (48h)', () => {
  it('has the spec opcodes', () => {
    assert.deepEqual(
      [getDcConfig, getDcExtentList, addDcResponse, releaseDc].map((c) => c.opcode),
      [0x4800, 0x4801, 0x4802, 0x4803],
    );
  });

  // Get DC Configuration input (§8.2.9.9.9.1): region count u8, starting region id u8.
  it('encodes Get DC Configuration', () => {
    assert.deepEqual(getDcConfigReq.encode({ region_cnt: 8, start_region_id: 1 }), hex('08 01'));
  });

  // Output: regions available u8, regions returned u8, reserved[6], then 40-byte region
  // configurations (base u64, decode length u64 in 256 MiB units, length u64, block size u64,
  // DSMAD handle u32, flags u8, reserved[3]), then (r3.1) extents supported/available and tags
  // supported/available, u32 each.
  const region = `00 00 00 40 00 00 00 00  02 00 00 00 00 00 00 00  00 00 00 20 00 00 00 00
                  00 00 20 00 00 00 00 00  07 00 00 00  01 00 00 00`;
  const trailer = '00 02 00 00  fe 01 00 00  00 00 00 00  00 00 00 00';

  it('decodes a region configuration and the r3.1 counters', () => {
    const r = getDcConfigRsp.decode(hex(`02 01 ${zeros(6)} ${region} ${trailer}`));
    assert.equal(r.num_regions, 2);
    assert.equal(r.regions_returned, 1);
    const g = r.region_configs[0];
    assert.equal(g.base, 0x40000000n);
    assert.equal(g.decode_len, 2n);
    assert.equal(g.decode_len_bytes, 512n * MiB);
    assert.equal(g.region_len, 512n * MiB);
    assert.equal(g.block_size, 2n * MiB);
    assert.equal(g.dsmadhandle, 7);
    assert.deepEqual(g.flags_bits, { sanitize_on_release: true });
    assert.equal(r.num_extents_supported, 512);
    assert.equal(r.num_extents_available, 510);
    assert.equal(r.num_tags_supported, 0);
  });

  it('accepts an r3.0 response without the counters, rejects one cut inside them', () => {
    const old = getDcConfigRsp.decode(hex(`02 01 ${zeros(6)} ${region}`));
    assert.equal(old.num_extents_supported, undefined);
    assert.throws(() => getDcConfigRsp.decode(hex(`02 01 ${zeros(6)} ${region} 00 02`)), CxlmiDecodeError);
    assert.throws(() => getDcConfigRsp.decode(hex(`02 02 ${zeros(6)} ${region}`)), CxlmiDecodeError);
  });

  // Get DC Extent List input (§8.2.9.9.9.2): extent count u32, starting index u32. Output:
  // returned u32, total u32, generation u32, reserved[4], 40-byte extents (start u64, length
  // u64, tag[16], shared sequence u16, reserved[6]).
  it('encodes the request and decodes extents', () => {
    assert.deepEqual(
      getDcExtentListReq.encode({ extent_cnt: 4, start_extent_idx: 2 }),
      hex('04 00 00 00 02 00 00 00'),
    );
    const r = getDcExtentListRsp.decode(
      hex(`01 00 00 00 03 00 00 00 09 00 00 00 00 00 00 00
           00 00 20 40 00 00 00 00  00 00 20 00 00 00 00 00
           ${'ab '.repeat(16)} 05 00 ${zeros(6)}`),
    );
    assert.equal(r.num_extents_returned, 1);
    assert.equal(r.total_num_extents, 3);
    assert.equal(r.generation_num, 9);
    assert.equal(r.extents[0].start_dpa, 0x40200000n);
    assert.equal(r.extents[0].len, 2n * MiB);
    assert.deepEqual([...r.extents[0].tag], new Array(16).fill(0xab));
    assert.equal(r.extents[0].shared_seq, 5);
    assert.throws(
      () => getDcExtentListRsp.decode(hex('02 00 00 00 03 00 00 00 09 00 00 00 00 00 00 00')),
      CxlmiDecodeError,
    );
  });

  // Add DC Response / Release DC input (§8.2.9.9.9.3-4): updated extent count u32, flags u8
  // (bit 0 more), reserved[3], 24-byte extents (start u64, length u64, reserved[8]).
  it('encodes Add DC Response and Release DC', () => {
    const value = {
      updated_extent_list_size: 1,
      flags: 0,
      extents: [{ start_dpa: 0x40000000n, len: 0x200000n }],
    };
    const expected = hex(
      `01 00 00 00 00 00 00 00  00 00 00 40 00 00 00 00  00 00 20 00 00 00 00 00 ${zeros(8)}`,
    );
    assert.deepEqual(addDcResponseReq.encode(value), expected);
    assert.deepEqual(releaseDcReq.encode(value), expected);
    const back = addDcResponseReq.decode(hex('00 00 00 00 01 00 00 00'));
    assert.equal(back.updated_extent_list_size, 0);
    assert.equal(back.flags_bits.more, true);
  });
});
