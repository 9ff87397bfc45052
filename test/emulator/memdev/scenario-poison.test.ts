import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mediaErrorDpa, mediaErrorSource } from '../../../src/commands/memdev/media-error.js';
import { GENERAL_MEDIA_EVENT_UUID } from '../../../src/emulator/memdev/event-records.js';
import { CxlmiCommandError } from '../../../src/errors.js';
import {
  CXLMI_RET_BUSY,
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_UNSUPPORTED,
} from '../../../src/protocol/retcodes.js';
import { GiB, rig } from './setup.js';

const rejectsWith = (code: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === code;

describe('scenario: poison inject → list → scan → clear', () => {
  it('keeps the list, the scan results and the data consistent', async () => {
    const { ep, device, tick, events } = rig({ volatileBytes: 1n * GiB, persistentBytes: 1n * GiB });
    await ep.injectPoison({ inject_poison_phy_addr: 0x1000n });
    await ep.injectPoison({ inject_poison_phy_addr: 0x2040n });
    // A media error the device has not reported yet: only a scan finds it.
    device.memdev.poison.addError({ dpa: 0x3000n, length: 0x80n, source: 2 }, false);

    let list = await ep.getPoisonList({
      get_poison_list_phy_addr: 0n,
      get_poison_list_phy_addr_len: 0x1000n,
    });
    assert.equal(list.more_err_media_record_cnt, 2);
    assert.deepEqual(
      list.records.map((r) => [
        mediaErrorDpa(r.media_err_addr),
        mediaErrorSource(r.media_err_addr),
        r.media_err_len,
      ]),
      [
        [0x1000n, 3, 1],
        [0x2040n, 3, 1],
      ],
    );

    const caps = await ep.getScanMediaCapabilities({
      get_scan_media_capabilities_start_physaddr: 0n,
      get_scan_media_capabilities_physaddr_length: 0x1000n,
    });
    assert.ok(caps.estimated_scan_media_time >= 1);

    const started = await ep.scanMedia({
      scan_media_physaddr: 0n,
      scan_media_physaddr_length: 0x1000n,
      scan_media_flags: 1,
    });
    assert.equal(started.background, true);
    list = await ep.getPoisonList({ get_poison_list_phy_addr: 0n, get_poison_list_phy_addr_len: 0x1000n });
    assert.equal(list.poison_list_flags_bits.scan_media_in_progress, true);
    tick(caps.estimated_scan_media_time);
    const status = await ep.bgOpStatus();
    assert.equal(status.opcode, 0x4304);
    assert.equal(status.status_bits.in_progress, false);

    // Scan Media flag "no event log" was set: no General Media events.
    assert.equal(events.filter((e) => e.uuid === GENERAL_MEDIA_EVENT_UUID).length, 0);
    const results = await ep.getScanMediaResults();
    assert.equal(results.media_error_count, 3);
    assert.deepEqual(
      results.record.map((r) => mediaErrorDpa(r.media_error_address)),
      [0x1000n, 0x2040n, 0x3000n],
    );
    list = await ep.getPoisonList({ get_poison_list_phy_addr: 0n, get_poison_list_phy_addr_len: 0x1000n });
    assert.equal(list.more_err_media_record_cnt, 3);

    const data = new Uint8Array(64).fill(0x5a);
    await ep.clearPoison({ clear_poison_phy_addr: 0x1000n, clear_poison_write_data: data });
    await ep.clearPoison({ clear_poison_phy_addr: 0x3040n, clear_poison_write_data: data });
    list = await ep.getPoisonList({ get_poison_list_phy_addr: 0n, get_poison_list_phy_addr_len: 0x1000n });
    assert.deepEqual(
      list.records.map((r) => [mediaErrorDpa(r.media_err_addr), r.media_err_len]),
      [
        [0x2040n, 1],
        [0x3000n, 1],
      ],
    );
    assert.deepEqual(device.memdev.media.read(0x1000n, 64), data);
  });

  it('reports an aborted scan as stopped prematurely, with where to restart', async () => {
    const { ep, device } = rig();
    await ep.injectPoison({ inject_poison_phy_addr: 0x80n });
    await assert.rejects(ep.getScanMediaResults(), rejectsWith(CXLMI_RET_UNSUPPORTED));
    await ep.scanMedia({
      scan_media_physaddr: 0x40n,
      scan_media_physaddr_length: 1n << 20n,
      scan_media_flags: 1,
    });
    await assert.rejects(ep.getScanMediaResults(), rejectsWith(CXLMI_RET_BUSY));
    device.background.abort();
    const r = await ep.getScanMediaResults();
    assert.equal(r.scan_media_flags_bits.scan_stopped_prematurely, true);
    assert.equal(r.scan_media_restart_physaddr, 0x40n);
    assert.equal(r.scan_media_restart_physaddr_length, 1n << 20n);
  });

  it('answers invalid requests with the spec return codes', async () => {
    const { ep } = rig({ volatileBytes: 256n * 1024n * 1024n, persistentBytes: 0n });
    await assert.rejects(ep.injectPoison({ inject_poison_phy_addr: 0x1001n }), rejectsWith(CXLMI_RET_INPUT));
    await assert.rejects(
      ep.injectPoison({ inject_poison_phy_addr: 1n << 40n }),
      rejectsWith(CXLMI_RET_PADDR),
    );
    await assert.rejects(
      ep.getPoisonList({ get_poison_list_phy_addr: 0x20n, get_poison_list_phy_addr_len: 1n }),
      rejectsWith(CXLMI_RET_INPUT),
    );
    await assert.rejects(
      ep.scanMedia({ scan_media_physaddr: 0n, scan_media_physaddr_length: 1n << 40n, scan_media_flags: 0 }),
      rejectsWith(CXLMI_RET_PADDR),
    );
  });

  it('overflows past the list size and reports it until a scan', async () => {
    const { ep, tick, events } = rig({ poisonListMax: 2 });
    for (const a of [0n, 0x40n, 0x80n]) await ep.injectPoison({ inject_poison_phy_addr: a });
    let list = await ep.getPoisonList({ get_poison_list_phy_addr: 0n, get_poison_list_phy_addr_len: 16n });
    assert.equal(list.poison_list_flags_bits.poison_list_overflow, true);
    assert.equal(list.more_err_media_record_cnt, 2);
    await ep.clearPoison({ clear_poison_phy_addr: 0n, clear_poison_write_data: new Uint8Array(64) });
    await ep.scanMedia({ scan_media_physaddr: 0n, scan_media_physaddr_length: 16n, scan_media_flags: 0 });
    tick(1000);
    list = await ep.getPoisonList({ get_poison_list_phy_addr: 0n, get_poison_list_phy_addr_len: 16n });
    assert.equal(list.poison_list_flags_bits.poison_list_overflow, false);
    // Without "no event log", every error found is a General Media event in the failure log.
    const media = events.filter((e) => e.uuid === GENERAL_MEDIA_EVENT_UUID);
    assert.deepEqual(
      media.map((e) => [e.log, new DataView(e.body.buffer).getBigUint64(0, true) & ~0x3fn, e.body[10]]),
      [
        [2, 0x40n, 3],
        [2, 0x80n, 3],
      ],
    );
    assert.equal(list.overflow_timestamp, 0n);
    assert.deepEqual(
      list.records.map((r) => mediaErrorDpa(r.media_err_addr)),
      [0x40n, 0x80n],
    );
  });
});
