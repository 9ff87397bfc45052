import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_INPUT } from '../../../src/protocol/retcodes.js';
import { tunnelSwitch } from '../../../src/transport/tunnel-info.js';
import { lab } from './helpers.js';

const input = (e: unknown) => e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_INPUT;
const GIB = 1024n * 1024n * 1024n;

describe('emulated MLD: LD info, allocations and QoS (through the switch)', () => {
  const viaSwitch = { tunnel: tunnelSwitch(2) };

  it('reports 4 GiB split over 4 LDs in 256 MiB granules', async () => {
    const sw = await lab().open('switch0');
    const info = await sw.getLdInfo(viaSwitch);
    assert.equal(info.memory_size, 4n * GIB);
    assert.equal(info.ld_count, 4);
    const a = await sw.getLdAllocations({ start_ld_id: 1, ld_allocation_list_limit: 8 }, viaSwitch);
    assert.equal(a.number_ld, 4);
    assert.equal(a.memory_granularity, 0);
    assert.equal(a.ld_allocation_list_len, 3);
    assert.equal(a.ld_allocation_list[0].range_1_allocation_mult, 4n);
  });

  it('set LD allocations and read them back; over-allocation is refused', async () => {
    const sw = await lab().open('switch0');
    const set = await sw.setLdAllocations(
      {
        number_ld: 2,
        start_ld_id: 2,
        ld_allocation_list: [
          { range_1_allocation_mult: 2n, range_2_allocation_mult: 1n },
          { range_1_allocation_mult: 5n, range_2_allocation_mult: 0n },
        ],
      },
      viaSwitch,
    );
    assert.equal(set.number_ld, 2);
    const back = await sw.getLdAllocations({ start_ld_id: 0, ld_allocation_list_limit: 4 }, viaSwitch);
    assert.deepEqual(
      back.ld_allocation_list.map((x) => [x.range_1_allocation_mult, x.range_2_allocation_mult]),
      [
        [4n, 0n],
        [4n, 0n],
        [2n, 1n],
        [5n, 0n],
      ],
    );
    await assert.rejects(
      sw.setLdAllocations(
        {
          number_ld: 1,
          start_ld_id: 0,
          ld_allocation_list: [{ range_1_allocation_mult: 9n, range_2_allocation_mult: 0n }],
        },
        viaSwitch,
      ),
      input,
      '9 + 4 + 3 + 5 granules exceed 16',
    );
    await assert.rejects(
      sw.setLdAllocations(
        {
          number_ld: 1,
          start_ld_id: 4,
          ld_allocation_list: [{ range_1_allocation_mult: 1n, range_2_allocation_mult: 0n }],
        },
        viaSwitch,
      ),
      input,
    );
  });

  it('set QoS control and read it back; bad percentages are refused', async () => {
    const sw = await lab().open('switch0');
    const ctl = {
      qos_telemetry_control: 3,
      egress_moderate_percentage: 20,
      egress_severe_percentage: 60,
      backpressure_sample_interval: 4,
      recmpbasis: 512,
      completion_collection_interval: 32,
    };
    assert.equal((await sw.setQosControl(ctl, viaSwitch)).recmpbasis, 512);
    const back = await sw.getQosControl(viaSwitch);
    assert.equal(back.egress_severe_percentage, 60);
    assert.equal(back.qos_telemetry_control_bits.egress_port_congestion_enable, true);
    await assert.rejects(sw.setQosControl({ ...ctl, egress_moderate_percentage: 70 }, viaSwitch), input);
    await assert.rejects(sw.setQosControl({ ...ctl, egress_severe_percentage: 101 }, viaSwitch), input);
    assert.equal((await sw.getQosStatus(viaSwitch)).backpressure_avg_percentage, 0);
  });

  it('set allocated bandwidth and limits per LD and read them back (direct on the MLD)', async () => {
    const mld = await lab().open('mld0');
    await mld.setQosAllocatedBw({
      number_ld: 2,
      start_ld_id: 1,
      qos_allocation_fraction: Uint8Array.from([0x20, 0x30]),
    });
    const bw = await mld.getQosAllocatedBw({ number_ld: 4, start_ld_id: 0 });
    assert.deepEqual([...bw.qos_allocation_fraction], [0x40, 0x20, 0x30, 0x40]);
    await mld.setQosBwLimit({ number_ld: 1, start_ld_id: 3, qos_limit_fraction: Uint8Array.from([0x80]) });
    const lim = await mld.getQosBwLimit({ number_ld: 2, start_ld_id: 2 });
    assert.deepEqual([...lim.qos_limit_fraction], [0xff, 0x80]);
    await assert.rejects(
      mld.setQosAllocatedBw({
        number_ld: 4,
        start_ld_id: 0,
        qos_allocation_fraction: Uint8Array.from([0x80, 0x80, 0x80, 0x80]),
      }),
      input,
      'fractions above 1',
    );
    await assert.rejects(mld.getQosBwLimit({ number_ld: 2, start_ld_id: 3 }), input);
  });
});

describe('emulated switch: CXL.io requests to an LD of the MLD on port 2', () => {
  const READ = 0xf000; // all four byte enables, register 0, read
  it('configuration reads and writes reach that LD’s configuration space only', async () => {
    const sw = await lab().open('switch0');
    const cfg = (ld_id: number, field_1: number, transaction_data = 0) =>
      sw.sendLdCxlioConfigRequest({ ppb_id: 2, field_1, ld_id, transaction_data });
    assert.equal((await cfg(1, READ)).return_data, 0x0d931b36);
    await cfg(1, (1 << 23) | READ | 0x10, 0x12345678);
    assert.equal((await cfg(1, READ | 0x10)).return_data, 0x12345678);
    assert.equal((await cfg(2, READ | 0x10)).return_data, 0, 'LD 2 is untouched');
    assert.equal((await cfg(1, 0x1000 | 0x10)).return_data, 0x78, 'byte enable 0 only');
    await assert.rejects(cfg(7, READ), input);
    await assert.rejects(
      sw.sendLdCxlioConfigRequest({ ppb_id: 1, field_1: READ, ld_id: 0, transaction_data: 0 }),
      input,
    );
  });

  it('memory writes land in the LD’s media and read back', async () => {
    const sw = await lab().open('switch0');
    const mem = (ld_id: number, field_1: number, len: number, data = new Uint8Array(0)) =>
      sw.sendLdCxlioMemRequest({
        port_id: 2,
        field_1,
        ld_id,
        transaction_len: len,
        transaction_addr: 0x1000n,
        transaction_data: data,
      });
    await mem(3, 0x8000, 4, Uint8Array.from([1, 2, 3, 4]));
    const r = await mem(3, 0, 4);
    assert.equal(r.return_size, 4);
    assert.deepEqual([...r.return_data], [1, 2, 3, 4]);
    assert.deepEqual([...(await mem(0, 0, 4)).return_data], [0, 0, 0, 0], 'another LD');
    await assert.rejects(mem(3, 0, 0), input);
    await assert.rejects(mem(3, 0, 0x1001), input);
    await assert.rejects(mem(3, 0x8000, 4, Uint8Array.from([1])), input, 'short write data');
  });
});
