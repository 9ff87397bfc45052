import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEMORY_MODULE_EVENT_UUID } from '../../../src/emulator/memdev/event-records.js';
import { CxlmiCommandError, CxlmiUsageError } from '../../../src/errors.js';
import { CXLMI_RET_INPUT } from '../../../src/protocol/retcodes.js';
import { rig } from './setup.js';

const rejectsWith = (code: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === code;

describe('emulated health, alerts and shutdown state', () => {
  it('reports injected conditions in Get Health Info', async () => {
    const { ep, device } = rig();
    device.memdev.health.inject({
      media_status: 0,
      life_used: 12,
      device_temperature: -5,
      corrected_volatile_error_count: 9,
    });
    const h = await ep.getHealthInfo();
    assert.equal(h.life_used, 12);
    assert.equal(h.device_temperature, -5);
    assert.equal(h.corrected_volatile_error_count, 9);
    assert.equal(h.additional_status, 0);
  });

  it('refuses injected values the payload could not carry, changing nothing', async () => {
    const { ep, device } = rig();
    const before = await ep.getHealthInfo();
    assert.throws(
      () => device.memdev.health.inject({ life_used: 10, device_temperature: 40000 }),
      CxlmiUsageError,
    );
    assert.throws(() => device.memdev.health.inject({ health_status: 8 }), CxlmiUsageError);
    assert.throws(
      () => device.memdev.health.inject({ corrected_volatile_error_count: 1.5 }),
      CxlmiUsageError,
    );
    assert.deepEqual(await ep.getHealthInfo(), before);
  });

  it('raises a warning event when a programmed threshold is crossed', async () => {
    const { ep, device, events } = rig();
    await ep.setAlertConfig({
      valid_alert_actions: 0x01 | 0x02,
      enable_alert_actions: 0x01 | 0x02,
      life_used_programmable_warning_threshold: 50,
      device_over_temperature_programmable_warning_threshold: 60,
      device_under_temperature_programmable_warning_threshold: 0,
      corrected_volatile_mem_error_programmable_warning_threshold: 0,
      corrected_persistent_mem_error_programmable_warning_threshold: 0,
    });
    const cfg = await ep.getAlertConfig();
    assert.equal(cfg.valid_alerts_bits.life_used, true);
    assert.equal(cfg.valid_alerts_bits.device_over_temperature, true);
    assert.equal(cfg.life_used_programmable_warning_threshold, 50);

    device.memdev.health.inject({ life_used: 55 });
    let h = await ep.getHealthInfo();
    assert.equal(h.additional_status_bits.life_used, 1);
    const mm = events.filter((e) => e.uuid === MEMORY_MODULE_EVENT_UUID);
    assert.equal(mm.length, 1);
    assert.equal(mm[0].log, 1); // warning log
    assert.equal(mm[0].body[0], 0x02); // Life Used Change
    assert.equal(mm[0].body[4], 55); // the health info inside the record: life used

    device.memdev.health.inject({ device_temperature: 90 });
    h = await ep.getHealthInfo();
    assert.equal(h.additional_status_bits.device_temperature, 2);
    const last = events[events.length - 1];
    assert.equal(last.log, 2); // critical → failure log
    assert.equal(last.body[0], 0x03); // Temperature Change

    // Staying above the threshold raises nothing new.
    const n = events.length;
    device.memdev.health.inject({ life_used: 56 });
    assert.equal(events.length, n);
  });

  it('rejects thresholds on the wrong side of the critical ones', async () => {
    const { ep } = rig();
    const base = {
      enable_alert_actions: 0x1f,
      life_used_programmable_warning_threshold: 10,
      device_over_temperature_programmable_warning_threshold: 50,
      device_under_temperature_programmable_warning_threshold: 5,
      corrected_volatile_mem_error_programmable_warning_threshold: 1,
      corrected_persistent_mem_error_programmable_warning_threshold: 1,
    };
    await assert.rejects(
      ep.setAlertConfig({ ...base, valid_alert_actions: 0x01, life_used_programmable_warning_threshold: 95 }),
      rejectsWith(CXLMI_RET_INPUT),
    );
    await assert.rejects(
      ep.setAlertConfig({
        ...base,
        valid_alert_actions: 0x04,
        device_under_temperature_programmable_warning_threshold: -20,
      }),
      rejectsWith(CXLMI_RET_INPUT),
    );
    await ep.setAlertConfig({ ...base, valid_alert_actions: 0x1f });
    assert.equal((await ep.getAlertConfig()).valid_alerts, 0x1f);
  });

  it('counts a reset in the dirty shutdown state', async () => {
    const { ep, device } = rig();
    await ep.setShutdownState({ state: 1 });
    assert.equal((await ep.getShutdownState()).state_bits.dirty, true);
    device.reset();
    assert.equal((await ep.getShutdownState()).state, 0);
    assert.equal((await ep.getHealthInfo()).dirty_shutdown_count, 1);
    device.reset();
    assert.equal((await ep.getHealthInfo()).dirty_shutdown_count, 1);
  });

  it('puts alert events in the device event logs (Get Event Records)', async () => {
    const { ep, device } = rig();
    device.memdev.health.inject({ device_temperature: 99 });
    const failure = await ep.getEventRecords({ event_log: 2 });
    assert.equal(failure.record_count, 1);
    const rec = failure.records[0];
    assert.equal(rec.uuid, MEMORY_MODULE_EVENT_UUID);
    assert.equal(rec.data[0], 0x03); // Temperature Change
    assert.equal(rec.data[5] | (rec.data[6] << 8), 99); // device temperature in the health info
  });
});
