/** Memory Sparing Event Record data (CXL r3.1 Table 8-48 / r3.2 Table 8-60, offsets 30h-7Fh). */
import { bitfield, bytes, reserved, struct, u8, u16, u24 } from '../../../protocol/layout/index.js';

export const MEMORY_SPARING_EVENT_UUID = 'e71f3a40-2d29-4092-8a39-4d1c966c7c65';

export const memorySparingEvent = struct('memory_sparing_event', {
  maint_op_class: u8,
  maint_op_subclass: u8,
  flags: bitfield(u8, { query_resources: 0, hard_sparing: 1, device_initiated: 2 }),
  result: u8,
  validity_flags: bitfield(u16, {
    channel_valid: 0,
    rank_valid: 1,
    nibble_mask_valid: 2,
    bank_group_valid: 3,
    bank_valid: 4,
    row_valid: 5,
    column_valid: 6,
    component_id_valid: 7,
    component_id_pldm_format: 8,
    sub_channel_valid: 9,
  }),
  rsvd: reserved(6),
  res_avail: u16,
  channel: u8,
  rank: u8,
  nibble_mask: u24,
  bank_group: u8,
  bank: u8,
  row: u24,
  column: u16,
  component_id: bytes(16),
  sub_channel: u8,
  rsvd2: reserved(0x25),
});
