/**
 * Common Event Record (CXL r3.1 Table 8-43; r3.2 Table 8-55 adds LD-ID and Head-ID).
 * Every record is 0x80 bytes: a 0x30-byte header and 0x50 bytes whose format the UUID names.
 * Field names follow libcxlmi's `struct cxlmi_event_record`.
 */
import {
  bitfield,
  bytes,
  reserved,
  struct,
  u8,
  u16,
  u24,
  u64,
  uuid,
} from '../../../protocol/layout/index.js';

/** Size of one event record in a Get Event Records response. */
export const EVENT_RECORD_SIZE = 0x80;
/** Size of the per-kind data that follows the common header. */
export const EVENT_RECORD_DATA_SIZE = 0x50;

/** Event Record Flags (3 bytes, Table 8-43 offset 11h). */
export const eventRecordFlags = bitfield(u24, {
  severity: [0, 2],
  permanent_condition: 2,
  maintenance_needed: 3,
  performance_degraded: 4,
  hardware_replacement_needed: 5,
  maint_op_subclass_valid: 6,
  ld_id_valid: 7,
  head_id_valid: 8,
});

export const eventRecord = struct('cxlmi_event_record', {
  uuid,
  length: u8,
  flags: eventRecordFlags,
  handle: u16,
  related_handle: u16,
  timestamp: u64,
  maint_op_class: u8,
  maint_op_subclass: u8,
  ld_id: u16,
  head_id: u8,
  rsvd: reserved(0xb),
  data: bytes(EVENT_RECORD_DATA_SIZE),
});
