import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  getAlertConfig,
  getAlertConfigRsp,
  getHealthInfo,
  getHealthInfoRsp,
  getShutdownState,
  getShutdownStateRsp,
  setAlertConfig,
  setAlertConfigReq,
  setShutdownState,
  setShutdownStateReq,
} from '../../../src/commands/memdev/health.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('health information and alerts (42h)', () => {
  it('has the spec opcodes', () => {
    assert.deepEqual(
      [getHealthInfo, getAlertConfig, setAlertConfig, getShutdownState, setShutdownState].map(
        (c) => c.opcode,
      ),
      [0x4200, 0x4201, 0x4202, 0x4203, 0x4204],
    );
  });

  // Get Health Info output (§8.2.9.9.3.1, 18 bytes): health status, media status, additional
  // status, life used, temperature s16, dirty shutdowns u32, corrected volatile u32,
  // corrected persistent u32.
  it('decodes Get Health Info into named flags', () => {
    const r = getHealthInfoRsp.decode(hex('05 02 19 2a e7 ff 03 00 00 00 10 00 00 00 20 01 00 00'));
    assert.equal(r.health_status, 5);
    assert.deepEqual(r.health_status_bits, {
      maintenance_needed: true,
      performance_degraded: false,
      hardware_replacement_needed: true,
    });
    assert.equal(r.media_status, 2);
    // 0x19 = 0b011001: life used warning (1), temperature critical (2 << 2), volatile warning (bit 4).
    assert.deepEqual(r.additional_status_bits, {
      life_used: 1,
      device_temperature: 2,
      corrected_volatile_error_count: true,
      corrected_persistent_error_count: false,
    });
    assert.equal(r.life_used, 42);
    assert.equal(r.device_temperature, -25);
    assert.equal(r.dirty_shutdown_count, 3);
    assert.equal(r.corrected_volatile_error_count, 16);
    assert.equal(r.corrected_persistent_error_count, 0x120);
    assert.throws(
      () => getHealthInfoRsp.decode(hex('05 02 19 2a e7 ff 03 00 00 00 10 00 00 00 20 01 00')),
      CxlmiDecodeError,
    );
  });

  // Get Alert Configuration output (§8.2.9.9.3.2, 16 bytes).
  it('decodes Get Alert Configuration', () => {
    const r = getAlertConfigRsp.decode(hex('03 1f 5a 4b 55 00 f6 ff 46 00 00 00 64 00 c8 00'));
    assert.deepEqual(r.valid_alerts_bits, {
      life_used: true,
      device_over_temperature: true,
      device_under_temperature: false,
      corrected_volatile_mem_error: false,
      corrected_persistent_mem_error: false,
    });
    assert.equal(r.programmable_alerts, 0x1f);
    assert.equal(r.life_used_critical_alert_threshold, 90);
    assert.equal(r.life_used_programmable_warning_threshold, 75);
    assert.equal(r.device_over_temperature_critical_alert_threshold, 85);
    assert.equal(r.device_under_temperature_critical_alert_threshold, -10);
    assert.equal(r.device_over_temperature_programmable_warning_threshold, 70);
    assert.equal(r.device_under_temperature_programmable_warning_threshold, 0);
    assert.equal(r.corrected_volatile_mem_error_programmable_warning_threshold, 100);
    assert.equal(r.corrected_persistent_mem_error_programmable_warning_threshold, 200);
    assert.throws(() => getAlertConfigRsp.decode(new Uint8Array(15)), CxlmiDecodeError);
  });

  // Set Alert Configuration input (§8.2.9.9.3.3, 12 bytes): valid actions, enable actions,
  // life used threshold, reserved, over/under temperature s16, volatile/persistent u16.
  it('encodes Set Alert Configuration', () => {
    const b = setAlertConfigReq.encode({
      valid_alert_actions: 0x05,
      enable_alert_actions: 0x04,
      life_used_programmable_warning_threshold: 60,
      device_over_temperature_programmable_warning_threshold: 0,
      device_under_temperature_programmable_warning_threshold: -5,
      corrected_volatile_mem_error_programmable_warning_threshold: 0x102,
      corrected_persistent_mem_error_programmable_warning_threshold: 7,
    });
    assert.deepEqual(b, hex('05 04 3c 00 00 00 fb ff 02 01 07 00'));
  });

  // Get/Set Shutdown State (§8.2.9.9.3.4-5): one byte, bit 0 dirty.
  it('encodes and decodes the shutdown state', () => {
    assert.deepEqual(getShutdownStateRsp.decode(hex('01')).state_bits, { dirty: true });
    assert.deepEqual(setShutdownStateReq.encode({ state: 0 }), hex('00'));
    assert.throws(() => getShutdownStateRsp.decode(new Uint8Array(0)), CxlmiDecodeError);
  });
});

describe('health: "not implemented" markers (CXL r3.1 Table 8-133)', () => {
  it('temperature 7FFFh is not implemented; FFFFh is −1 °C', async () => {
    const { deviceTemperature, lifeUsed, TEMPERATURE_NOT_IMPLEMENTED } = await import(
      '../../../src/commands/memdev/health-status.js'
    );
    assert.equal(TEMPERATURE_NOT_IMPLEMENTED, 0x7fff);
    const none = getHealthInfoRsp.decode(hex('00 00 00 ff ff 7f 00 00 00 00 00 00 00 00 00 00 00 00'));
    assert.equal(none.device_temperature, 0x7fff);
    assert.equal(deviceTemperature(none), undefined);
    assert.equal(lifeUsed(none), undefined);
    const cold = getHealthInfoRsp.decode(hex('00 00 00 07 ff ff 00 00 00 00 00 00 00 00 00 00 00 00'));
    assert.equal(deviceTemperature(cold), -1);
    assert.equal(lifeUsed(cold), 7);
  });
});
