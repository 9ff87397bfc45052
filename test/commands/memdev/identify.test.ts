import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memdevIdentify, memdevIdentifyRsp } from '../../../src/commands/memdev/identify.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

// Identify Memory Device output, CXL r3.1 §8.2.9.9.1.1 (libcxlmi struct, 0x45 bytes):
// 00 fw revision[16] | 10 total cap u64 | 18 volatile-only u64 | 20 persistent-only u64 |
// 28 partition align u64 | 30 info/warn/fail/fatal event log sizes u16 x4 | 38 LSA size u32 |
// 3c poison list max u24 | 3f inject poison limit u16 | 41 poison caps u8 | 42 QoS caps u8 |
// 43 DC event log size u16
const rsp31 = hex(`
  46 57 20 31 2e 32 00 00 00 00 00 00 00 00 00 00
  08 00 00 00 00 00 00 00
  01 00 00 00 00 00 00 00
  02 00 00 00 00 00 00 00
  01 00 00 00 00 00 00 00
  10 00 20 00 30 00 40 00
  00 00 02 00
  00 01 00
  05 00
  03
  02
  08 00`);

describe('memdev identify (4000h)', () => {
  it('declares opcode 4000h with no request', () => {
    assert.equal(memdevIdentify.opcode, 0x4000);
    assert.equal(memdevIdentify.request, null);
    assert.equal(memdevIdentify.compatName, 'cxlmi_cmd_memdev_identify');
    assert.equal(memdevIdentifyRsp.minSize, 0x43);
  });

  it('decodes the r3.1 layout, capacities in 256 MiB units and bytes', () => {
    const r = memdevIdentifyRsp.decode(rsp31);
    assert.equal(r.fw_revision, 'FW 1.2');
    assert.equal(r.total_capacity, 8n);
    assert.equal(r.total_capacity_bytes, 8n * 256n * 1024n * 1024n);
    assert.equal(r.volatile_capacity, 1n);
    assert.equal(r.persistent_capacity_bytes, 512n * 1024n * 1024n);
    assert.equal(r.partition_align_bytes, 256n * 1024n * 1024n);
    assert.deepEqual(
      [r.info_event_log_size, r.warning_event_log_size, r.failure_event_log_size, r.fatal_event_log_size],
      [0x10, 0x20, 0x30, 0x40],
    );
    assert.equal(r.lsa_size, 0x20000);
    assert.equal(r.poison_list_max_mer, 256);
    assert.equal(r.inject_poison_limit, 5);
    assert.deepEqual(r.poison_caps_bits, { injects_persistent_poison: true, scans_for_poison: true });
    assert.deepEqual(r.qos_telemetry_caps_bits, {
      egress_port_congestion: false,
      temporary_throughput_reduction: true,
    });
    assert.equal(r.dc_event_log_size, 8);
  });

  it('accepts a CXL 2.0 response that ends before dc_event_log_size', () => {
    const r = memdevIdentifyRsp.decode(rsp31.subarray(0, 0x43));
    assert.equal(r.dc_event_log_size, undefined);
    assert.equal(r.qos_telemetry_caps, 2);
  });

  it('encodes back to the same bytes', () => {
    assert.deepEqual(memdevIdentifyRsp.encode(memdevIdentifyRsp.decode(rsp31)), rsp31);
  });

  it('rejects a response cut inside a field', () => {
    assert.throws(() => memdevIdentifyRsp.decode(rsp31.subarray(0, 0x40)), CxlmiDecodeError);
    assert.throws(() => memdevIdentifyRsp.decode(rsp31.subarray(0, 0x44)), CxlmiDecodeError);
    assert.throws(() => memdevIdentifyRsp.decode(hex(zeros(3))), CxlmiDecodeError);
  });
});
