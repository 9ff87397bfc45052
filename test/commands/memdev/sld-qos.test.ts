import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  getSldQosControl,
  getSldQosControlRsp,
  getSldQosStatus,
  getSldQosStatusRsp,
  setSldQosControl,
  setSldQosControlReq,
} from '../../../src/commands/memdev/sld-qos.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('SLD QoS telemetry (47h)', () => {
  it('has the spec opcodes', () => {
    assert.deepEqual(
      [getSldQosControl, setSldQosControl, getSldQosStatus].map((c) => c.opcode),
      [0x4700, 0x4701, 0x4702],
    );
  });

  // Get/Set SLD QoS Control (§8.2.9.9.8.1-2): control flags u8, egress moderate %, egress severe %,
  // backpressure sample interval.
  it('decodes and encodes the control values', () => {
    const r = getSldQosControlRsp.decode(hex('03 0a 19 08'));
    assert.deepEqual(r.qos_telemetry_control_bits, {
      egress_port_congestion_enable: true,
      temporary_throughput_reduction_enable: true,
    });
    assert.deepEqual(
      [r.egress_moderate_percentage, r.egress_severe_percentage, r.backpressure_sample_interval],
      [10, 25, 8],
    );
    assert.deepEqual(
      setSldQosControlReq.encode({
        qos_telemetry_control: 1,
        egress_moderate_percentage: 20,
        egress_severe_percentage: 80,
        backpressure_sample_interval: 15,
      }),
      hex('01 14 50 0f'),
    );
    assert.throws(() => getSldQosControlRsp.decode(hex('03 0a 19')), CxlmiDecodeError);
  });

  // Get SLD QoS Status (§8.2.9.9.8.3): backpressure average percentage u8.
  it('decodes the status', () => {
    assert.equal(getSldQosStatusRsp.decode(hex('2d')).backpressure_avg_percentage, 45);
    assert.throws(() => getSldQosStatusRsp.decode(new Uint8Array(0)), CxlmiDecodeError);
  });
});
