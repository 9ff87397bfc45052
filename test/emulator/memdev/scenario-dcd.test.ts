import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DYNAMIC_CAPACITY_EVENT_UUID } from '../../../src/emulator/memdev/event-records.js';
import { CxlmiCommandError } from '../../../src/errors.js';
import {
  CXLMI_RET_EXTLIST,
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_UNSUPPORTED,
} from '../../../src/protocol/retcodes.js';
import { GiB, MiB, rig } from './setup.js';

const rejectsWith = (code: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === code;
const BLOCK = 2n * MiB;

describe('scenario: dynamic capacity add → accept → list → release', () => {
  it('moves extents from offered to accepted to released', async () => {
    const { ep, device, events } = rig({
      volatileBytes: 1n * GiB,
      persistentBytes: 0n,
      dcRegions: [
        { length: 512n * MiB, blockSize: BLOCK },
        { length: 256n * MiB, blockSize: BLOCK, sanitizeOnRelease: true },
      ],
    });
    const cfg = await ep.getDcConfig({ region_cnt: 8, start_region_id: 0 });
    assert.equal(cfg.num_regions, 2);
    assert.equal(cfg.regions_returned, 2);
    const [r0, r1] = cfg.region_configs;
    assert.equal(r0.base, 1n * GiB);
    assert.equal(r0.decode_len_bytes, 512n * MiB);
    assert.equal(r1.base, 1n * GiB + 512n * MiB);
    assert.equal(r1.flags_bits.sanitize_on_release, true);
    const available = cfg.num_extents_available ?? 0;

    // The fabric side offers two extents of region 0 as one group.
    const a = { start_dpa: r0.base, len: 4n * BLOCK };
    const b = { start_dpa: r0.base + 16n * BLOCK, len: 2n * BLOCK };
    device.memdev.dc.offer([a, b]);
    const dcEvents = events.filter((e) => e.uuid === DYNAMIC_CAPACITY_EVENT_UUID);
    assert.equal(dcEvents.length, 2);
    assert.equal(dcEvents[0].log, 4);
    assert.equal(dcEvents[0].body[0], 0); // Add Capacity
    assert.equal(dcEvents[0].body[5] & 1, 1); // More: the group continues
    assert.equal(dcEvents[1].body[5] & 1, 0);

    // Nothing is usable until the host accepts.
    let list = await ep.getDcExtentList({ extent_cnt: 8, start_extent_idx: 0 });
    assert.equal(list.total_num_extents, 0);
    const gen0 = list.generation_num;

    // Accepting capacity that was not offered fails; accepting part of the group works.
    await assert.rejects(
      ep.addDcResponse({
        updated_extent_list_size: 1,
        flags: 0,
        extents: [{ start_dpa: r0.base + 8n * BLOCK, len: BLOCK }],
      }),
      rejectsWith(CXLMI_RET_PADDR),
    );
    await ep.addDcResponse({ updated_extent_list_size: 1, flags: 0, extents: [a] });
    list = await ep.getDcExtentList({ extent_cnt: 8, start_extent_idx: 0 });
    assert.equal(list.total_num_extents, 1);
    assert.equal(list.num_extents_returned, 1);
    assert.equal(list.extents[0].start_dpa, a.start_dpa);
    assert.equal(list.extents[0].len, a.len);
    assert.notEqual(list.generation_num, gen0);
    assert.equal(
      (await ep.getDcConfig({ region_cnt: 1, start_region_id: 0 })).num_extents_available,
      available - 1,
    );

    // The rest of the group was not accepted, so there is nothing left to answer.
    await assert.rejects(
      ep.addDcResponse({ updated_extent_list_size: 1, flags: 0, extents: [b] }),
      rejectsWith(CXLMI_RET_INPUT),
    );

    // Release the middle of the extent: it splits in two.
    await ep.releaseDc({
      updated_extent_list_size: 1,
      flags: 0,
      extents: [{ start_dpa: a.start_dpa + BLOCK, len: BLOCK }],
    });
    list = await ep.getDcExtentList({ extent_cnt: 8, start_extent_idx: 0 });
    assert.deepEqual(
      list.extents.map((e) => [e.start_dpa - r0.base, e.len]),
      [
        [0n, BLOCK],
        [2n * BLOCK, 2n * BLOCK],
      ],
    );
    // Releasing what is not accepted, or a misaligned range, fails.
    await assert.rejects(
      ep.releaseDc({
        updated_extent_list_size: 1,
        flags: 0,
        extents: [{ start_dpa: a.start_dpa + BLOCK, len: BLOCK }],
      }),
      rejectsWith(CXLMI_RET_PADDR),
    );
    await assert.rejects(
      ep.releaseDc({
        updated_extent_list_size: 1,
        flags: 0,
        extents: [{ start_dpa: a.start_dpa, len: 4096n }],
      }),
      rejectsWith(CXLMI_RET_EXTLIST),
    );
    await assert.rejects(
      ep.releaseDc({ updated_extent_list_size: 0, flags: 0, extents: [] }),
      rejectsWith(CXLMI_RET_INPUT),
    );
  });

  it('asks the host for accepted capacity back with Release Capacity events', async () => {
    const { ep, device, events } = rig({ dcRegions: [{ length: 256n * MiB }] });
    const base = device.memdev.config.dcRegions[0].base;
    device.memdev.dc.offer([{ start_dpa: base, len: 2n * BLOCK }]);
    await ep.addDcResponse({
      updated_extent_list_size: 1,
      flags: 0,
      extents: [{ start_dpa: base, len: 2n * BLOCK }],
    });
    // Only accepted capacity can be asked for.
    assert.throws(() => device.memdev.dc.requestRelease([{ start_dpa: base + 4n * BLOCK, len: BLOCK }]));
    device.memdev.dc.requestRelease([{ start_dpa: base + BLOCK, len: BLOCK }]);
    const last = events[events.length - 1];
    assert.equal(last.uuid, DYNAMIC_CAPACITY_EVENT_UUID);
    assert.equal(last.body[0], 1); // Release Capacity
    // Extent start DPA at record-specific offset 8.
    assert.equal(new DataView(last.body.buffer).getBigUint64(8, true), base + BLOCK);
  });

  it('rejects a whole offer with an empty response', async () => {
    const { ep, device } = rig({ dcRegions: [{ length: 256n * MiB }] });
    const base = device.memdev.config.dcRegions[0].base;
    device.memdev.dc.offer([{ start_dpa: base, len: BLOCK }]);
    await ep.addDcResponse({ updated_extent_list_size: 0, flags: 0, extents: [] });
    assert.equal(device.memdev.dc.pending.length, 0);
    assert.equal((await ep.getDcExtentList({ extent_cnt: 8, start_extent_idx: 0 })).total_num_extents, 0);
  });

  it('does not implement dynamic capacity commands without DC regions', async () => {
    const { ep } = rig();
    await assert.rejects(
      ep.getDcConfig({ region_cnt: 1, start_region_id: 0 }),
      rejectsWith(CXLMI_RET_UNSUPPORTED),
    );
  });
});
