import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import {
  CXLMI_RET_BUSY,
  CXLMI_RET_MEDIADISABLED,
  CXLMI_RET_SECURITY,
} from '../../../src/protocol/retcodes.js';
import { GiB, passphrase, rig } from './setup.js';

const rejectsWith = (code: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === code;

describe('scenario: sanitize with progress until done', () => {
  it('disables media, reports progress, then clears data, labels and poison', async () => {
    const { ep, device, tick } = rig({ volatileBytes: 2n * GiB, persistentBytes: 2n * GiB });
    device.memdev.media.write(0x1000n, Uint8Array.of(0xaa, 0xbb));
    await ep.setLsa({ offset: 0, data: Uint8Array.of(1, 2, 3, 4) });
    await ep.injectPoison({ inject_poison_phy_addr: 0x2000n });

    const started = await ep.sanitize();
    assert.equal(started.background, true);
    await assert.rejects(ep.getLsa({ offset: 0, length: 4 }), rejectsWith(CXLMI_RET_MEDIADISABLED));
    await assert.rejects(ep.secureErase(), rejectsWith(CXLMI_RET_BUSY));

    const seen: number[] = [];
    for (;;) {
      const st = await ep.bgOpStatus();
      assert.equal(st.opcode, 0x4400);
      if (!st.status_bits.in_progress) {
        assert.equal(st.status_bits.percent_complete, 100);
        assert.equal(st.returncode, 0);
        break;
      }
      seen.push(st.status_bits.percent_complete);
      tick(16);
    }
    assert.ok(seen.length > 2, 'progress was reported in several steps');
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'progress never goes back',
    );

    assert.deepEqual(device.memdev.media.read(0x1000n, 2), Uint8Array.of(0, 0));
    assert.deepEqual((await ep.getLsa({ offset: 0, length: 4 })).data, new Uint8Array(4));
    const list = await ep.getPoisonList({
      get_poison_list_phy_addr: 0n,
      get_poison_list_phy_addr_len: 0x1000n,
    });
    assert.equal(list.more_err_media_record_cnt, 0);
  });

  it('keeps the media disabled after an aborted sanitize until one completes', async () => {
    const { ep, device, tick } = rig();
    await ep.sanitize();
    device.background.abort();
    assert.equal((await ep.bgOpStatus()).returncode, 0x12, 'Aborted');
    await assert.rejects(ep.getPartitionInfo(), rejectsWith(CXLMI_RET_MEDIADISABLED));
    await ep.sanitize();
    tick(60_000);
    await ep.getPartitionInfo();
  });

  it('refuses to sanitize while a user passphrase is set', async () => {
    const { ep } = rig();
    await ep.setPassphrase({
      passphrase_type: 1,
      current_passphrase: new Uint8Array(32),
      new_passphrase: passphrase('p'),
    });
    await assert.rejects(ep.sanitize(), rejectsWith(CXLMI_RET_SECURITY));
  });

  it('zeroes DPA ranges with Media Operations', async () => {
    const { ep, device, tick } = rig();
    const disc = await ep.mediaOperationsDiscovery({
      media_operation_class: 0,
      media_operation_subclass: 0,
      dpa_range_count: 0,
      discovery_osa: { start_index: 0, num_ops: 10 },
    });
    assert.equal(disc.dpa_range_granularity, 64n);
    assert.deepEqual(disc.entry, [
      { media_op_class: 1, media_op_subclass: 0 },
      { media_op_class: 1, media_op_subclass: 1 },
    ]);
    device.memdev.media.write(0x40n, Uint8Array.of(7));
    device.memdev.media.write(0x1000n, Uint8Array.of(8));
    const r = await ep.mediaOperationsSanitize({
      media_operation_class: 1,
      media_operation_subclass: 1,
      dpa_range_count: 1,
      dpa_range_list: [{ starting_dpa: 0n, length: 0x80n }],
    });
    assert.equal(r.background, true);
    tick(1000);
    await ep.bgOpStatus();
    assert.deepEqual(device.memdev.media.read(0x40n, 1), Uint8Array.of(0));
    assert.deepEqual(device.memdev.media.read(0x1000n, 1), Uint8Array.of(8));
  });
});

describe('memdev background operations with waitForBackgroundOperation', () => {
  it('reports progress for a sanitize until it completes', async () => {
    const { ep, tick } = rig({ volatileBytes: 2n * GiB, persistentBytes: 2n * GiB });
    await ep.sanitize();
    const progress: number[] = [];
    const result = await ep.waitForBackgroundOperation({
      intervalMs: 0,
      onProgress: (p) => {
        progress.push(p.percent);
        tick(16);
      },
    });
    assert.equal(result.opcode, 0x4400);
    assert.equal(result.ok, true);
    assert.ok(progress.length >= 3);
  });

  it('ends a scan media the same way', async () => {
    const { ep, tick } = rig();
    await ep.scanMedia({
      scan_media_physaddr: 0n,
      scan_media_physaddr_length: 1n << 20n,
      scan_media_flags: 1,
    });
    const result = await ep.waitForBackgroundOperation({ intervalMs: 0, onProgress: () => tick(1000) });
    assert.equal(result.opcode, 0x4304);
    assert.equal(result.ok, true);
    assert.equal((await ep.getScanMediaResults()).media_error_count, 0);
  });
});
