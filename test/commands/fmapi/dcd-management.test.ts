import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dcAddReference,
  dcListTags,
  dcRemoveReference,
  getDcdInfo,
  getDcRegConfig,
  getDcRegionExtList,
  initiateDcAdd,
  initiateDcRelease,
  setDcRegionConfig,
} from '../../../src/commands/fmapi/dcd-management.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, z } from './hex.js';

const TAG = '0102030405060708090a0b0c0d0e0f10';
const TAG_BYTES = hex(TAG);
// A 40-byte extent (CXL r3.1 Table 8-51): 8 start DPA, 8 length, 16 tag, 2 shared sequence, 6 rsvd.
const EXTENT = `00 00 00 10 00 00 00 00  00 00 00 10 00 00 00 00  ${TAG}  00 00${z(6)}`;

describe('Get DCD Info (5600h)', () => {
  // CXL r3.2 Table 7-60: 00h hosts, 01h regions, 02h 2 rsvd, 04h 2 selection policies, 06h 2 rsvd,
  // 08h 2 removal policies, 0Ah sanitize mask, 0Bh rsvd, 0Ch 8 total capacity (256 MiB units),
  // 14h 8 x 8 region block-size masks — 54h bytes.
  const RSP = hex(`02 01 00 00 04 00 00 00 02 00 00 00  04${z(7)}  00 00 20${z(5)}${z(56)}`);
  it('decodes the 84-byte response', () => {
    assert.equal(getDcdInfo.response.size, 0x54);
    const v = getDcdInfo.response.decode(RSP);
    assert.equal(v.num_hosts, 2);
    assert.equal(v.capacity_selection_policies, 4);
    assert.equal(v.capacity_removal_policies, 2);
    assert.equal(v.total_dynamic_capacity, 4n);
    assert.equal(v.total_dynamic_capacity_bytes, 1024n * 1024n * 1024n, 'libcxlmi reports bytes');
    assert.equal(v.region_0_supported_blk_sz_mask, 0x200000n);
    assert.equal(v.region_7_supported_blk_sz_mask, 0n);
  });
});

describe('Get Host DC Region Configuration (5601h)', () => {
  it('encodes host, count and start region (Table 7-61)', () => {
    assert.deepEqual(
      [...getDcRegConfig.encodeRequest({ host_id: 1, region_cnt: 8, start_region_id: 0 })],
      [...hex('01 00 08 00')],
    );
  });
  // Table 7-62: 00h 2 host, 02h regions, 03h returned, then 40-byte region records (8 base, 8 decode length
  // in 256 MiB units, 8 length, 8 block size, flags, 3 rsvd, sanitize, 3 rsvd), then four u32 counters.
  const RSP = hex(
    `01 00 01 01  00 00 00 40 00 00 00 00  04${z(7)}  00 00 00 40 00 00 00 00  00 00 20 00 00 00 00 00  00 00 00 00 00 00 00 00` +
      '  00 01 00 00  f0 00 00 00  00 00 00 00  00 00 00 00',
  );
  it('decodes the region list and the counters after it', () => {
    const v = getDcRegConfig.response.decode(RSP);
    assert.equal(v.regions_returned, 1);
    assert.equal(v.region_configs[0].base, 0x40000000n);
    assert.equal(v.region_configs[0].decode_len, 4n);
    assert.equal(v.region_configs[0].decode_len_bytes, 1024n * 1024n * 1024n);
    assert.equal(v.region_configs[0].block_size, 0x200000n);
    assert.equal(v.num_extents_supported, 256);
    assert.equal(v.num_extents_available, 240);
  });
  it('rejects a response that stops before the counters', () => {
    assert.throws(() => getDcRegConfig.response.decode(RSP.subarray(0, 48)), CxlmiDecodeError);
  });
});

describe('Set DC Region Configuration (5602h)', () => {
  // Table 7-63: 00h region, 01h 3 rsvd, 04h 8 block size, 0Ch sanitize on release, 0Dh 3 rsvd.
  it('encodes 16 bytes', () => {
    const req = { region_id: 1, block_sz: 0x200000n, sanitize_on_release: 0 };
    assert.deepEqual(
      [...setDcRegionConfig.encodeRequest(req)],
      [...hex('01 00 00 00 00 00 20 00 00 00 00 00 00 00 00 00')],
    );
  });
});

describe('Get DC Region Extent Lists (5603h)', () => {
  it('encodes host, count and start index (Table 7-64)', () => {
    const req = { host_id: 1, extent_count: 5, start_ext_index: 0 };
    assert.deepEqual(
      [...getDcRegionExtList.encodeRequest(req)],
      [...hex('01 00 00 00 05 00 00 00 00 00 00 00')],
    );
  });
  // Table 7-65: 00h 2 host, 02h 2 rsvd, 04h start index, 08h returned, 0Ch total, 10h generation, 14h 4 rsvd.
  it('decodes the header and the extents', () => {
    const v = getDcRegionExtList.response.decode(
      hex(`01 00 00 00  00 00 00 00  01 00 00 00  01 00 00 00  05 00 00 00  00 00 00 00  ${EXTENT}`),
    );
    assert.equal(v.total_extents, 1);
    assert.equal(v.list_generation_num, 5);
    assert.equal(v.extents[0].start_dpa, 0x10000000n);
    assert.equal(v.extents[0].len, 0x10000000n);
    assert.deepEqual([...v.extents[0].tag], [...TAG_BYTES]);
  });
});

describe('Initiate Dynamic Capacity Add / Release (5604h / 5605h)', () => {
  const extent = { start_dpa: 0x10000000n, len: 0x10000000n, tag: TAG_BYTES, shared_seq: 0 };
  // Table 7-66: 00h 2 host, 02h selection policy, 03h region, 04h 8 length, 0Ch 16 tag, 1Ch 4 count, 20h extents.
  it('add encodes a prescriptive request with one extent', () => {
    const req = {
      host_id: 1,
      selection_policy: 2,
      region_num: 0,
      length: 0x10000000n,
      tag: TAG_BYTES,
      ext_count: 1,
      extents: [extent],
    };
    assert.deepEqual(
      [...initiateDcAdd.encodeRequest(req)],
      [...hex(`01 00 02 00  00 00 00 10 00 00 00 00  ${TAG}  01 00 00 00  ${EXTENT}`)],
    );
  });
  // Table 7-67: flags bits 3:0 removal policy, bit 4 forced removal, bit 5 sanitize on release.
  it('release encodes the flags byte and decodes its view', () => {
    const req = {
      host_id: 1,
      flags: 0x11,
      length: 0x10000000n,
      tag: TAG_BYTES,
      ext_count: 1,
      extents: [extent],
    };
    const bytes = initiateDcRelease.encodeRequest(req);
    assert.deepEqual(
      [...bytes],
      [...hex(`01 00 11 00  00 00 00 10 00 00 00 00  ${TAG}  01 00 00 00  ${EXTENT}`)],
    );
    const back = initiateDcRelease.request.decode(bytes);
    assert.deepEqual(back.flags_bits, {
      removal_policy: 1,
      forced_removal: true,
      sanitize_on_release: false,
    });
  });
});

describe('Dynamic Capacity references and tags (5606h-5608h)', () => {
  it('add / remove reference carry the tag', () => {
    assert.deepEqual([...dcAddReference.encodeRequest({ tag: TAG_BYTES })], [...hex(TAG)]);
    assert.deepEqual([...dcRemoveReference.encodeRequest({ tag: TAG_BYTES })], [...hex(TAG)]);
  });
  // Table 7-70: 00h start index, 04h count. Table 7-71: 00h generation, 04h total, 08h returned, 0Ch validity,
  // 0Dh 3 rsvd, then 84-byte tag records: 16 tag, flags, 3 rsvd, 32 reference bitmap, 32 pending bitmap.
  it('list tags encodes the window and decodes the records', () => {
    assert.deepEqual(
      [...dcListTags.encodeRequest({ start_idx: 0, tags_count: 4 })],
      [...hex('00 00 00 00 04 00 00 00')],
    );
    const v = dcListTags.response.decode(
      hex(`02 00 00 00  01 00 00 00  01 00 00 00  01 00 00 00  ${TAG} 00 00 00 00  03${z(31)}  00${z(31)}`),
    );
    assert.equal(v.generation_num, 2);
    assert.deepEqual([...v.tags_list[0].tag], [...TAG_BYTES]);
    assert.equal(v.tags_list[0].ref_bitmap[0], 3);
    assert.throws(
      () => dcListTags.response.decode(hex('02 00 00 00  01 00 00 00  01 00 00 00  01 00 00 00')),
      CxlmiDecodeError,
    );
  });
});
