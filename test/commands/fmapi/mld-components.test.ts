import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  getLdAllocations,
  getLdInfo,
  getQosAllocatedBw,
  getQosBwLimit,
  getQosControl,
  getQosStatus,
  setLdAllocations,
  setQosAllocatedBw,
  setQosBwLimit,
  setQosControl,
} from '../../../src/commands/fmapi/mld-components.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, z } from './hex.js';

describe('Get LD Info (5400h)', () => {
  // CXL r3.1 Table 7-37: 00h 8 memory size, 08h 2 LD count, 0Ah 1 QoS telemetry capability.
  it('decodes size, count and capability bits', () => {
    const v = getLdInfo.response.decode(hex('00 00 00 40 00 00 00 00 04 00 03'));
    assert.equal(v.memory_size, 0x40000000n);
    assert.equal(v.ld_count, 4);
    assert.deepEqual(v.qos_telemetry_capability_bits, {
      egress_port_congestion: true,
      temporary_throughput_reduction: true,
    });
    assert.equal(getLdInfo.response.size, 11);
  });
});

describe('Get / Set LD Allocations (5401h / 5402h)', () => {
  it('get request: start LD and list limit (Table 7-38)', () => {
    assert.deepEqual(
      [...getLdAllocations.encodeRequest({ start_ld_id: 1, ld_allocation_list_limit: 2 })],
      [1, 2],
    );
  });
  // Table 7-39: 00h number of LDs, 01h granularity (0 = 256 MiB), 02h start LD, 03h list length, then
  // Table 7-40 entries: 8 range 1 multiplier, 8 range 2 multiplier.
  const GET = hex(`04 00 01 02  01${z(7)} 00${z(7)}  02${z(7)} 03${z(7)}`);
  it('get response decodes the allocation list', () => {
    const v = getLdAllocations.response.decode(GET);
    assert.equal(v.number_ld, 4);
    assert.equal(v.start_ld_id, 1);
    assert.deepEqual(v.ld_allocation_list, [
      { range_1_allocation_mult: 1n, range_2_allocation_mult: 0n },
      { range_1_allocation_mult: 2n, range_2_allocation_mult: 3n },
    ]);
    assert.throws(() => getLdAllocations.response.decode(GET.subarray(0, 30)), CxlmiDecodeError);
  });
  // Table 7-41: 00h number of LDs, 01h start LD, 02h 2 rsvd, then the list.
  it('set request encodes the list; the response has the same shape (Table 7-42)', () => {
    const req = {
      number_ld: 1,
      start_ld_id: 2,
      ld_allocation_list: [{ range_1_allocation_mult: 4n, range_2_allocation_mult: 0n }],
    };
    const bytes = hex(`01 02 00 00 04${z(7)} 00${z(7)}`);
    assert.deepEqual([...setLdAllocations.encodeRequest(req)], [...bytes]);
    assert.deepEqual(setLdAllocations.response.decode(bytes).ld_allocation_list, req.ld_allocation_list);
  });
});

describe('QoS control and status (5403h-5405h)', () => {
  // Table 7-43: 00h control bits, 01h egress moderate %, 02h egress severe %, 03h backpressure sample
  // interval, 04h 2 ReqCmpBasis, 06h completion collection interval.
  const CTL = hex('03 0a 32 08 e8 03 10');
  const VALUE = {
    qos_telemetry_control: 3,
    egress_moderate_percentage: 10,
    egress_severe_percentage: 50,
    backpressure_sample_interval: 8,
    recmpbasis: 1000,
    completion_collection_interval: 16,
  };
  it('set encodes and get decodes the same 7 bytes', () => {
    assert.deepEqual([...setQosControl.encodeRequest(VALUE)], [...CTL]);
    const v = getQosControl.response.decode(CTL);
    assert.equal(v.recmpbasis, 1000);
    assert.equal(v.qos_telemetry_control_bits.temporary_throughput_reduction_enable, true);
    assert.equal(setQosControl.response.decode(CTL).egress_severe_percentage, 50);
  });
  it('status decodes the average backpressure (Table 7-45)', () => {
    assert.equal(getQosStatus.response.decode(hex('19')).backpressure_avg_percentage, 25);
  });
});

describe('QoS allocated bandwidth and limits (5406h-5409h)', () => {
  // Tables 7-46..7-52: number of LDs, start LD, then one fraction byte per LD.
  it('allocated BW: get request, get response, set request', () => {
    assert.deepEqual([...getQosAllocatedBw.encodeRequest({ number_ld: 2, start_ld_id: 1 })], [2, 1]);
    const v = getQosAllocatedBw.response.decode(hex('02 01 80 40'));
    assert.deepEqual([...v.qos_allocation_fraction], [0x80, 0x40]);
    const req = { number_ld: 2, start_ld_id: 1, qos_allocation_fraction: hex('80 40') };
    assert.deepEqual([...setQosAllocatedBw.encodeRequest(req)], [...hex('02 01 80 40')]);
  });
  it('BW limit: get response and set request; a short list is rejected', () => {
    assert.deepEqual([...getQosBwLimit.response.decode(hex('02 00 ff 7f')).qos_limit_fraction], [0xff, 0x7f]);
    const req = { number_ld: 1, start_ld_id: 3, qos_limit_fraction: hex('20') };
    assert.deepEqual([...setQosBwLimit.encodeRequest(req)], [...hex('01 03 20')]);
    assert.throws(() => setQosBwLimit.response.decode(hex('03 00 ff')), CxlmiDecodeError);
  });
});
