/** Memory Module Event Record data (CXL r3.1 Table 8-47, offsets 30h-7Fh of the record). */
import { bitfield, bytes, reserved, s16, struct, u8, u16, u32 } from '../../../protocol/layout/index.js';

export const MEMORY_MODULE_EVENT_UUID = 'fe927475-dd59-4339-a586-79bab113b774';

export const memoryModuleEvent = struct('memory_module_event', {
  event_type: u8,
  /* Device Health Information (offset 31h, 12h bytes): the Get Health Info output payload. */
  health_status: u8,
  media_status: u8,
  additional_status: u8,
  life_used: u8,
  device_temperature: s16,
  dirty_shutdown_count: u32,
  corrected_volatile_error_count: u32,
  corrected_persistent_error_count: u32,
  validity_flags: bitfield(u16, { component_id_valid: 0, component_id_pldm_format: 1 }),
  component_id: bytes(16),
  event_sub_type: u8,
  rsvd: reserved(0x2a),
});
