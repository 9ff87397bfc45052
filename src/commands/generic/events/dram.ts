/** DRAM Event Record data (CXL r3.1 Table 8-46, offsets 30h-7Fh of the record). */
import {
  array,
  bitfield,
  bytes,
  reserved,
  struct,
  u8,
  u16,
  u24,
  u64,
} from '../../../protocol/layout/index.js';
import { cmeThresholdEventFlags, memoryEventDescriptor } from './general-media.js';

export const DRAM_EVENT_UUID = '601dcbb3-9c06-4eab-b8af-4e9bfb5c9624';

export const dramEvent = struct('dram_event', {
  phys_addr: u64,
  descriptor: memoryEventDescriptor,
  type: u8,
  transaction_type: u8,
  validity_flags: bitfield(u16, {
    channel_valid: 0,
    rank_valid: 1,
    nibble_mask_valid: 2,
    bank_group_valid: 3,
    bank_valid: 4,
    row_valid: 5,
    column_valid: 6,
    correction_mask_valid: 7,
    component_id_valid: 8,
    component_id_pldm_format: 9,
    sub_channel_valid: 10,
  }),
  channel: u8,
  rank: u8,
  nibble_mask: u24,
  bank_group: u8,
  bank: u8,
  row: u24,
  column: u16,
  correction_mask: array(u64, 4),
  component_id: bytes(16),
  sub_channel: u8,
  cme_threshold_ev_flags: cmeThresholdEventFlags,
  cvme_count: u24,
  sub_type: u8,
  rsvd: reserved(1),
});
