/** Emulator side of Identify Memory Device (4000h). */
import { memdevIdentify } from '../../../commands/memdev/identify.js';
import type { EmulatedDevice } from '../../device.js';
import { CAPACITY_UNIT } from '../config.js';
import type { MemdevState } from '../memdev-state.js';

export function registerIdentify(device: EmulatedDevice, s: MemdevState): void {
  device.handle(memdevIdentify, () => {
    const c = s.config;
    const p = s.partition;
    return {
      fw_revision: c.fwRevision,
      total_capacity: p.total / CAPACITY_UNIT,
      volatile_capacity: p.volatileOnly / CAPACITY_UNIT,
      persistent_capacity: p.persistentOnly / CAPACITY_UNIT,
      partition_align: p.align / CAPACITY_UNIT,
      info_event_log_size: c.eventLogSize,
      warning_event_log_size: c.eventLogSize,
      failure_event_log_size: c.eventLogSize,
      fatal_event_log_size: c.eventLogSize,
      lsa_size: c.lsaSize,
      poison_list_max_mer: c.poisonListMax,
      inject_poison_limit: c.injectPoisonLimit,
      // Injects persistent poison, scans for poison.
      poison_caps: 0x03,
      // Egress port congestion and temporary throughput reduction telemetry.
      qos_telemetry_caps: 0x03,
      dc_event_log_size: c.dcRegions.length > 0 ? c.eventLogSize : 0,
    };
  });
}
