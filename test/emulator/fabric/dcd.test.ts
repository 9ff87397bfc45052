import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE,
  CXL_EXTENT_SELECTION_POLICY_FREE,
  CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
} from '../../../src/commands/fmapi/dcd-management.js';
import { hostDynamicCapacity } from '../../../src/emulator/fabric/index.js';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_EXTLIST, CXLMI_RET_INPUT, CXLMI_RET_PADDR } from '../../../src/protocol/retcodes.js';
import { tunnelMhd, tunnelSwitch } from '../../../src/transport/tunnel-info.js';
import { lab } from './helpers.js';

const code = (c: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === c;
const MIB = 1024n * 1024n;
const NO_TAG = '00000000-0000-0000-0000-000000000000';
const TAG = 'a11ce000-0000-4000-8000-000000000001';
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

describe('emulated DCD (the multi-headed device’s LD pool)', () => {
  const pool = { tunnel: tunnelMhd() };

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

  it('add capacity to host 1 through FM-API; the host accepts and sees the extent', async () => {
    const l = lab();
    const sw = await l.open('switch0');
    const viaPort3 = { tunnel: tunnelSwitch(3) };
    // The FM reaches the MHD head on port 3, then its LD pool: here the MHD endpoint does it directly.
    const mhd = await l.open('mhd0');
    assert.equal((await sw.identify(viaPort3)).component_type, 3);
    await mhd.initiateDcAdd(add(1, [ext(1280n, 128n, TAG)], TAG), pool);

    const node = l.fabric.nodes.get('mhd0');
    assert.ok(node?.kind === 'mhd');
    const host1 = hostDynamicCapacity(node.device.heads[1]);
    assert.ok(host1, 'head 1 is the memory device host 1 sees');
    assert.equal(host1.pendingAdd.length, 1, 'offered, waiting for the host');
    assert.equal(
      (await mhd.getDcRegionExtList({ host_id: 1, extent_count: 8, start_ext_index: 0 }, pool)).total_extents,
      0,
    );

    host1.respondToAdd(); // the host's Add Dynamic Capacity Response
    assert.deepEqual(host1.accepted, [{ start: 1280n * MIB, len: 128n * MIB, tag: TAG, sharedSeq: 0 }]);
    const list = await mhd.getDcRegionExtList({ host_id: 1, extent_count: 8, start_ext_index: 0 }, pool);
    assert.equal(list.total_extents, 1);
    assert.equal(list.extents[0].start_dpa, 1280n * MIB);
    assert.equal(list.extents[0].tag, TAG);
    assert.equal(list.list_generation_num, 1);
    assert.equal(
      (await mhd.getDcRegionExtList({ host_id: 0, extent_count: 8, start_ext_index: 0 }, pool)).total_extents,
      1,
      'host 0 holds only its power-on extent',
    );

    const tags = await mhd.dcListTags({ start_idx: 0, tags_count: 4 }, pool);
    assert.equal(tags.total_num_tags, 1);
    assert.equal(tags.tags_list[0].ref_bitmap[0], 0b10, 'host 1 holds it');
    await mhd.dcAddReference({ tag: TAG }, pool);
    assert.equal((await mhd.dcListTags({ start_idx: 0, tags_count: 4 }, pool)).tags_list[0].flags, 1);
    await mhd.dcRemoveReference({ tag: TAG }, pool);
    await assert.rejects(mhd.dcRemoveReference({ tag: TAG }, pool), code(CXLMI_RET_INPUT));
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
    await assert.rejects(mhd.initiateDcAdd(add(1, [ext(1282n, 2n)]), pool), code(CXLMI_RET_EXTLIST));
    await assert.rejects(
      mhd.initiateDcAdd({ ...add(0, [ext(1286n, 2n)]), selection_policy: 3 }, pool),
      code(CXLMI_RET_INPUT),
    );
    await assert.rejects(mhd.initiateDcAdd(add(5, [ext(1286n, 2n)]), pool), code(CXLMI_RET_INPUT));
  });

  it('free selection picks the first free range; forced release takes capacity back at once', async () => {
    const l = lab();
    const mhd = await l.open('mhd0');
    await mhd.initiateDcAdd(add(0, [ext(1280n, 4n)]), pool);
    await mhd.initiateDcAdd(
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
    const node = l.fabric.nodes.get('mhd0');
    assert.ok(node?.kind === 'mhd');
    const host0 = node.device.dcd?.hosts[0];
    assert.ok(host0);
    assert.equal(host0.pendingAdd[1][0].start, 1152n * MIB, 'right after the power-on extent 1024..1152 MiB');
    host0.respondToAdd();
    host0.respondToAdd();
    const release = (flags: number, extents: ReturnType<typeof ext>[]) =>
      mhd.initiateDcRelease(
        { host_id: 0, flags, length: 0n, tag: NO_TAG, ext_count: extents.length, extents },
        pool,
      );
    await assert.rejects(
      release(CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE, [ext(1200n, 2n)]),
      code(CXLMI_RET_PADDR),
    );
    await release(CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE, [ext(1026n, 2n)]);
    assert.equal(host0.pendingRelease.length, 1, 'asked to release, the host has not yet');
    await release(CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE | 0x10, [ext(1026n, 4n)]);
    assert.deepEqual(
      host0.accepted.map((e) => [e.start / MIB, e.len / MIB]),
      [
        [1024n, 2n],
        [1030n, 122n],
        [1280n, 4n],
        [1152n, 6n],
      ],
    );
  });

  it('changes a region’s block size only while it is empty and to a supported size', async () => {
    const mhd = await lab().open('mhd0');
    const setBlock = (mib: bigint) =>
      mhd.setDcRegionConfig({ region_id: 0, block_sz: mib * MIB, sanitize_on_release: 0 }, pool);
    await assert.rejects(setBlock(4n), code(3), 'the power-on extent is in the region');
    await mhd.initiateDcRelease(
      { host_id: 0, flags: 0x11, length: 0n, tag: NO_TAG, ext_count: 1, extents: [ext(1024n, 128n)] },
      pool,
    );
    await setBlock(4n);
    assert.equal(
      (await mhd.getDcRegConfig({ host_id: 0, region_cnt: 1, start_region_id: 0 }, pool)).region_configs[0]
        .block_size,
      4n * MIB,
    );
    await assert.rejects(
      mhd.setDcRegionConfig({ region_id: 0, block_sz: 3n * MIB, sanitize_on_release: 0 }, pool),
      code(CXLMI_RET_INPUT),
    );
    await mhd.initiateDcAdd(add(0, [ext(1024n, 4n)]), pool);
    await assert.rejects(
      mhd.setDcRegionConfig({ region_id: 0, block_sz: 2n * MIB, sanitize_on_release: 0 }, pool),
      code(3),
    );
  });
});
