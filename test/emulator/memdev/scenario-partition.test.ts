import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_INPUT } from '../../../src/protocol/retcodes.js';
import { GiB, MiB, rig } from './setup.js';

describe('scenario: partition change across reset', () => {
  it('reports the pending split, applies it on reset', async () => {
    const { ep, device } = rig({ volatileBytes: 1n * GiB, persistentBytes: 1n * GiB });
    const id = await ep.memdevIdentify();
    assert.equal(id.total_capacity_bytes, 2n * GiB);
    assert.equal(id.partition_align_bytes, 256n * MiB);

    let info = await ep.getPartitionInfo();
    assert.equal(info.active_vmem_bytes, 1n * GiB);
    assert.equal(info.active_pmem_bytes, 1n * GiB);
    assert.equal(info.next_vmem, 0n);
    assert.equal(info.next_pmem, 0n);

    // 1.5 GiB volatile = 6 units of 256 MiB, on the next reset.
    await ep.setPartitionInfo({ volatile_capacity: 6n, flags: 0 });
    info = await ep.getPartitionInfo();
    assert.equal(info.active_vmem, 4n);
    assert.equal(info.next_vmem, 6n);
    assert.equal(info.next_pmem, 2n);

    device.reset();
    info = await ep.getPartitionInfo();
    assert.equal(info.active_vmem_bytes, 1536n * MiB);
    assert.equal(info.active_pmem_bytes, 512n * MiB);
    assert.equal(info.next_vmem, 0n);
  });

  it('applies an immediate change at once and rejects impossible splits', async () => {
    const { ep } = rig({ volatileBytes: 1n * GiB, persistentBytes: 1n * GiB, volatileOnlyBytes: 512n * MiB });
    await ep.setPartitionInfo({ volatile_capacity: 3n, flags: 1 });
    const info = await ep.getPartitionInfo();
    assert.equal(info.active_vmem, 3n);
    assert.equal(info.next_vmem, 0n);
    await assert.rejects(ep.setPartitionInfo({ volatile_capacity: 1n, flags: 0 }), (e: unknown) => {
      return e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_INPUT;
    });
    await assert.rejects(ep.setPartitionInfo({ volatile_capacity: 9n, flags: 0 }), CxlmiCommandError);
  });
});
