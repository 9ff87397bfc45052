/** Identify Memory Device command set (0x40), CXL r3.1 §8.2.9.9.1. */
import { bitfield, optional, str, struct, u8, u16, u24, u32 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { capacity } from './units.js';

/**
 * Identify Memory Device output payload, CXL r3.1 §8.2.9.9.1.1. Capacities are multiples of
 * 256 MiB (each also decoded in bytes as `<field>_bytes`). CXL 2.0 devices stop before
 * `dc_event_log_size` (0x43 bytes instead of 0x45).
 */
export const memdevIdentifyRsp = struct('cxlmi_cmd_memdev_identify_rsp', {
  fw_revision: str(0x10),
  total_capacity: capacity,
  volatile_capacity: capacity,
  persistent_capacity: capacity,
  partition_align: capacity,
  info_event_log_size: u16,
  warning_event_log_size: u16,
  failure_event_log_size: u16,
  fatal_event_log_size: u16,
  lsa_size: u32,
  poison_list_max_mer: u24,
  inject_poison_limit: u16,
  poison_caps: bitfield(u8, { injects_persistent_poison: 0, scans_for_poison: 1 }),
  qos_telemetry_caps: bitfield(u8, { egress_port_congestion: 0, temporary_throughput_reduction: 1 }),
  dc_event_log_size: optional(u16),
});

export const memdevIdentify = defineCommand({
  name: 'memdev_identify',
  method: 'memdevIdentify',
  opcode: 0x4000,
  set: 'memdev',
  title: 'Identify Memory Device',
  spec: '8.2.9.9.1.1',
  request: null,
  response: memdevIdentifyRsp,
});
