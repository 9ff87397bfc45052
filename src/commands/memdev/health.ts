/** Health Information and Alerts command set (0x42), CXL r3.1 §8.2.9.9.3. */
import { bitfield, reserved, s16, struct, u8, u16, u32 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from '../generic/effects.js';

/**
 * Get Health Info output payload, CXL r3.1 Table 8-133 (r3.2 Table 8-148).
 * `life_used` is a percentage, FFh when not implemented; `device_temperature` is in °C
 * (two's complement), 7FFFh (32767 here) when not implemented — FFFFh is a real −1 °C. Read both
 * through `lifeUsed()` / `deviceTemperature()` (health-status.ts) to get undefined for "not
 * implemented".
 */
export const getHealthInfoRsp = struct('cxlmi_cmd_memdev_get_health_info_rsp', {
  health_status: bitfield(u8, {
    maintenance_needed: 0,
    performance_degraded: 1,
    hardware_replacement_needed: 2,
  }),
  media_status: u8,
  additional_status: bitfield(u8, {
    life_used: [0, 2],
    device_temperature: [2, 2],
    corrected_volatile_error_count: 4,
    corrected_persistent_error_count: 5,
  }),
  life_used: u8,
  device_temperature: s16,
  dirty_shutdown_count: u32,
  corrected_volatile_error_count: u32,
  corrected_persistent_error_count: u32,
});

export const getHealthInfo = defineCommand({
  name: 'memdev_get_health_info',
  method: 'getHealthInfo',
  opcode: 0x4200,
  set: 'memdev',
  title: 'Get Health Info',
  spec: '8.2.9.9.3.1',
  request: null,
  response: getHealthInfoRsp,
});

/** The five programmable warnings of Get/Set Alert Configuration (§8.2.9.9.3.2-3). */
const alerts = {
  life_used: 0,
  device_over_temperature: 1,
  device_under_temperature: 2,
  corrected_volatile_mem_error: 3,
  corrected_persistent_mem_error: 4,
} as const;

/** Get Alert Configuration output payload, CXL r3.1 §8.2.9.9.3.2. Temperatures in °C, signed. */
export const getAlertConfigRsp = struct('cxlmi_cmd_memdev_get_alert_config_rsp', {
  valid_alerts: bitfield(u8, alerts),
  programmable_alerts: bitfield(u8, alerts),
  life_used_critical_alert_threshold: u8,
  life_used_programmable_warning_threshold: u8,
  device_over_temperature_critical_alert_threshold: s16,
  device_under_temperature_critical_alert_threshold: s16,
  device_over_temperature_programmable_warning_threshold: s16,
  device_under_temperature_programmable_warning_threshold: s16,
  corrected_volatile_mem_error_programmable_warning_threshold: u16,
  corrected_persistent_mem_error_programmable_warning_threshold: u16,
});

export const getAlertConfig = defineCommand({
  name: 'memdev_get_alert_config',
  method: 'getAlertConfig',
  opcode: 0x4201,
  set: 'memdev',
  title: 'Get Alert Configuration',
  spec: '8.2.9.9.3.2',
  request: null,
  response: getAlertConfigRsp,
});

/**
 * Set Alert Configuration input payload, CXL r3.1 §8.2.9.9.3.3: for each bit set in
 * `valid_alert_actions`, the same bit of `enable_alert_actions` enables (1) or disables (0) that
 * warning with the threshold given.
 */
export const setAlertConfigReq = struct('cxlmi_cmd_memdev_set_alert_config_req', {
  valid_alert_actions: bitfield(u8, alerts),
  enable_alert_actions: bitfield(u8, alerts),
  life_used_programmable_warning_threshold: u8,
  rsvd1: reserved(1),
  device_over_temperature_programmable_warning_threshold: s16,
  device_under_temperature_programmable_warning_threshold: s16,
  corrected_volatile_mem_error_programmable_warning_threshold: u16,
  corrected_persistent_mem_error_programmable_warning_threshold: u16,
});

export const setAlertConfig = defineCommand({
  name: 'memdev_set_alert_config',
  method: 'setAlertConfig',
  opcode: 0x4202,
  set: 'memdev',
  title: 'Set Alert Configuration',
  spec: '8.2.9.9.3.3',
  request: setAlertConfigReq,
  response: null,
  effects: effectMask(['immediate_policy_change']),
});

/** Get Shutdown State output payload, CXL r3.1 §8.2.9.9.3.4. Bit 0: dirty. */
export const getShutdownStateRsp = struct('cxlmi_cmd_memdev_get_shutdown_state_rsp', {
  state: bitfield(u8, { dirty: 0 }),
});

export const getShutdownState = defineCommand({
  name: 'memdev_get_shutdown_state',
  method: 'getShutdownState',
  opcode: 0x4203,
  set: 'memdev',
  title: 'Get Shutdown State',
  spec: '8.2.9.9.3.4',
  request: null,
  response: getShutdownStateRsp,
});

/** Set Shutdown State input payload, CXL r3.1 §8.2.9.9.3.5. Bit 0: dirty. */
export const setShutdownStateReq = struct('cxlmi_cmd_memdev_set_shutdown_state_req', {
  state: bitfield(u8, { dirty: 0 }),
});

export const setShutdownState = defineCommand({
  name: 'memdev_set_shutdown_state',
  method: 'setShutdownState',
  opcode: 0x4204,
  set: 'memdev',
  title: 'Set Shutdown State',
  spec: '8.2.9.9.3.5',
  request: setShutdownStateReq,
  response: null,
});
