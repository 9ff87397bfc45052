/** General Media Event Record data (CXL r3.1 Table 8-45, offsets 30h-7Fh of the record). */
import { bitfield, bytes, reserved, struct, u8, u16, u24, u64 } from '../../../protocol/layout/index.js';

export const GENERAL_MEDIA_EVENT_UUID = 'fbcd0a77-c260-417f-85a9-088b1621eba6';

/** Memory Event Descriptor (record offset 38h), shared by General Media and DRAM records. */
export const memoryEventDescriptor = bitfield(u8, {
  uncorrectable_event: 0,
  threshold_event: 1,
  poison_list_overflow_event: 2,
});

/** Advanced Programmable Corrected Memory Error Threshold Event Flags. */
export const cmeThresholdEventFlags = bitfield(u8, {
  multiple_components: 0,
  threshold_exceeded: 1,
});

export const generalMediaEvent = struct('general_media_event', {
  phys_addr: u64,
  descriptor: memoryEventDescriptor,
  type: u8,
  transaction_type: u8,
  validity_flags: bitfield(u16, {
    channel_valid: 0,
    rank_valid: 1,
    device_valid: 2,
    component_id_valid: 3,
    component_id_pldm_format: 4,
  }),
  channel: u8,
  rank: u8,
  device: u24,
  component_id: bytes(16),
  cme_threshold_ev_flags: cmeThresholdEventFlags,
  cme_count: u24,
  sub_type: u8,
  rsvd: reserved(0x29),
});
