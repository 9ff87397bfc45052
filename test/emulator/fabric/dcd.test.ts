import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE,
  CXL_EXTENT_REMOVAL_POLICY_TAG_BASED,
  CXL_EXTENT_SELECTION_POLICY_FREE,
  CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
} from '../../../src/commands/fmapi/dcd-management.js';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_EVENT_LOG_DCD } from '../../../src/protocol/constants.js';
import {
  CXLMI_RET_EXTLIST,
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_UNSUPPORTED,
} from '../../../src/protocol/retcodes.js';
import { tunnelMhd } from '../../../src/transport/tunnel-info.js';
import { lab } from './helpers.js';

const code = (c: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === c;
const MIB = 1024n * 1024n;
const NO_TAG = new Uint8Array(16);
const TAG = Uint8Array.from([0xa1, 0x1c, 0xe0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 1]);
const ext = (startMib: bigint, lenMib: bigint, tag = NO_TAG) => ({
  start_dpa: startMib * MIB,
  len: lenMib * MIB,
  tag,
  shared_seq: 0,
});
const add = (host_id: number, extents: ReturnType<typeof ext>[], tag = NO_TAG) => ({
  host_id,
  selection_policy: CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
  region_num: 0,
  length: extents.reduce((n, e) => n + e.len, 0n),
  tag,
  ext_count: extents.length,
  extents,
});
const release = (host_id: number, flags: number, extents: ReturnType<typeof ext>[], tag = NO_TAG) => ({
  host_id,
  flags,
  length: 0n,
  tag,
  ext_count: extents.length,
  extents,
});
const updated = (ranges: [bigint, bigint][]) => ({
  updated_extent_list_size: ranges.length,
  flags: 0,
  extents: ranges.map(([s, l]) => ({ start_dpa: s * MIB, len: l * MIB })),
});
const pool = { tunnel: tunnelMhd() };
const ALL = { extent_cnt: 16, start_extent_idx: 0 };

// The default fabric's DCD: two heads (hosts 0 and 1), one 1 GiB region after each head's 1 GiB of
// static capacity (DPA 1024..2048 MiB), 2 MiB blocks; host 0 holds 1024..1152 MiB from power-on.
describe('emulated DCD (the multi-headed device)', () => {
  it('describes its hosts and regions', async () => {
    const mhd = await lab().open('mhd0');
    const info = await mhd.getDcdInfo(pool);
    assert.equal(info.num_hosts, 2);
    assert.equal(info.num_supported_dc_regions, 1);
    assert.equal(info.total_dynamic_capacity, 4n, '1 GiB in 256 MiB units');
    assert.equal(info.region_0_supported_blk_sz_mask, 14n * MIB);
    const cfg = await mhd.getDcRegConfig({ host_id: 1, region_cnt: 8, start_region_id: 0 }, pool);
    assert.equal(cfg.regions_returned, 1);
    assert.equal(cfg.region_configs[0].base, 1024n * MIB);
    assert.equal(cfg.region_configs[0].block_size, 2n * MIB);
    assert.equal(cfg.num_extents_available, cfg.num_extents_supported);
    await assert.rejects(
      mhd.getDcRegConfig({ host_id: 2, region_cnt: 1, start_region_id: 0 }, pool),
      code(CXLMI_RET_INPUT),
    );
    await assert.rejects(
      mhd.getDcRegConfig({ host_id: 0, region_cnt: 1, start_region_id: 1 }, pool),
      code(CXLMI_RET_INPUT),
    );
  });

  it('add capacity to host 1 through FM-API: the host sees the offer, accepts it, and lists the extent', async () => {
    const l = lab();
    const fm = await l.open('mhd0'); // the FM's CCI (head 0), DCD Management through the LD pool
    const host1 = await l.open('mhd0.head1'); // what host 1 sees: its Memory Device
    const head0Events = await fm.getEventRecords({ event_log: CXLMI_EVENT_LOG_DCD });
    assert.equal(head0Events.records.length, 0, 'the power-on extent raised no event');
    await fm.initiateDcAdd(add(1, [ext(1280n, 128n, TAG)], TAG), pool);

    assert.equal((await host1.getDcExtentList(ALL)).total_num_extents, 0, 'offered, not yet accepted');
    const ev = await host1.getEventRecords({ event_log: CXLMI_EVENT_LOG_DCD });
    assert.equal(ev.records.length, 1, 'an Add Capacity event tells the host');
    const fmView = () => fm.getDcRegionExtList({ host_id: 1, extent_count: 8, start_ext_index: 0 }, pool);
    assert.equal((await fmView()).total_extents, 0);

    await host1.addDcResponse(updated([[1280n, 128n]])); // the host takes it
    const mine = await host1.getDcExtentList(ALL);
    assert.equal(mine.total_num_extents, 1);
    assert.equal(mine.extents[0].start_dpa, 1280n * MIB);
    assert.equal(mine.extents[0].len, 128n * MIB);
    assert.deepEqual([...mine.extents[0].tag], [...TAG]);
    const list = await fmView();
    assert.equal(list.total_extents, 1);
    assert.equal(list.extents[0].start_dpa, 1280n * MIB);
    assert.equal(list.list_generation_num, mine.generation_num);
    const host0 = await fm.getDcRegionExtList({ host_id: 0, extent_count: 8, start_ext_index: 0 }, pool);
    assert.equal(host0.total_extents, 1, 'host 0 holds only its power-on extent');

    const tags = await fm.dcListTags({ start_idx: 0, tags_count: 4 }, pool);
    assert.equal(tags.total_num_tags, 1);
    assert.equal(tags.tags_list[0].ref_bitmap[0], 0b10, 'host 1 holds it');
    await fm.dcAddReference({ tag: TAG }, pool);
    assert.equal((await fm.dcListTags({ start_idx: 0, tags_count: 4 }, pool)).tags_list[0].flags, 1);
    await fm.dcRemoveReference({ tag: TAG }, pool);
    await assert.rejects(fm.dcRemoveReference({ tag: TAG }, pool), code(CXLMI_RET_INPUT));

    // Tag-based release asks the host; the host gives the capacity back with Release Dynamic Capacity.
    await fm.initiateDcRelease(release(1, CXL_EXTENT_REMOVAL_POLICY_TAG_BASED, [], TAG), pool);
    await host1.releaseDc(updated([[1280n, 128n]]));
    assert.equal((await fmView()).total_extents, 0);
  });

  it('refuses extents outside the region, misaligned, overlapping, or already given out', async () => {
    const mhd = await lab().open('mhd0');
    await assert.rejects(mhd.initiateDcAdd(add(0, [ext(0n, 2n)]), pool), code(CXLMI_RET_PADDR));
    await assert.rejects(mhd.initiateDcAdd(add(0, [ext(1281n, 2n)]), pool), code(CXLMI_RET_EXTLIST));
    await assert.rejects(
      mhd.initiateDcAdd(add(0, [ext(1280n, 4n), ext(1282n, 2n)]), pool),
      code(CXLMI_RET_EXTLIST),
    );
    await assert.rejects(
      mhd.initiateDcAdd(add(1, [ext(1030n, 2n)]), pool),
      code(CXLMI_RET_EXTLIST),
      'host 0 holds it',
    );
    await mhd.initiateDcAdd(add(0, [ext(1280n, 4n)]), pool);
    await assert.rejects(
      mhd.initiateDcAdd(add(1, [ext(1282n, 2n)]), pool),
      code(CXLMI_RET_EXTLIST),
      'offered to host 0',
    );
    await assert.rejects(
      mhd.initiateDcAdd({ ...add(0, [ext(1286n, 2n)]), selection_policy: 3 }, pool),
      code(CXLMI_RET_INPUT),
    );
    await assert.rejects(mhd.initiateDcAdd(add(5, [ext(1286n, 2n)]), pool), code(CXLMI_RET_INPUT));
  });

  it('free selection picks the first free range; forced release takes capacity back at once', async () => {
    const l = lab();
    const fm = await l.open('mhd0');
    await fm.initiateDcAdd(
      {
        host_id: 0,
        selection_policy: CXL_EXTENT_SELECTION_POLICY_FREE,
        region_num: 0,
        length: 6n * MIB,
        tag: NO_TAG,
        ext_count: 0,
        extents: [],
      },
      pool,
    );
    await fm.addDcResponse(updated([[1152n, 6n]])); // head 0 is host 0's Memory Device too
    await assert.rejects(
      fm.initiateDcRelease(release(0, CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE, [ext(1200n, 2n)]), pool),
      code(CXLMI_RET_PADDR),
    );
    await fm.initiateDcRelease(release(0, CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE, [ext(1026n, 2n)]), pool);
    assert.equal(
      (await fm.getDcExtentList(ALL)).total_num_extents,
      2,
      'asked to release, the host has not yet',
    );
    await fm.initiateDcRelease(
      release(0, CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE | 0x10, [ext(1026n, 4n)]),
      pool,
    );
    const left = await fm.getDcExtentList(ALL);
    assert.deepEqual(
      left.extents.map((e) => [e.start_dpa / MIB, e.len / MIB]),
      [
        [1024n, 2n],
        [1030n, 122n],
        [1152n, 6n],
      ],
    );
  });

  it('changes a region’s block size only while it is empty and to a supported size', async () => {
    const mhd = await lab().open('mhd0');
    const setBlock = (mib: bigint) =>
      mhd.setDcRegionConfig({ region_id: 0, block_sz: mib * MIB, sanitize_on_release: 0 }, pool);
    await assert.rejects(setBlock(4n), code(CXLMI_RET_UNSUPPORTED), 'the power-on extent is in the region');
    await mhd.initiateDcRelease(
      release(0, CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE | 0x10, [ext(1024n, 128n)]),
      pool,
    );
    await setBlock(4n);
    const cfg = await mhd.getDcRegConfig({ host_id: 1, region_cnt: 1, start_region_id: 0 }, pool);
    assert.equal(cfg.region_configs[0].block_size, 4n * MIB, 'every head sees the new block size');
    await assert.rejects(setBlock(3n), code(CXLMI_RET_INPUT));
    await assert.rejects(setBlock(64n), code(CXLMI_RET_INPUT), 'not among the supported sizes');
  });
});
