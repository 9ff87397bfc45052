/** Dynamic Capacity Event Record data (CXL r3.1 Table 8-50 with the extent of Table 8-51). */
import { bitfield, bytes, reserved, struct, u8, u16, u32, u64 } from '../../../protocol/layout/index.js';

export const DYNAMIC_CAPACITY_EVENT_UUID = 'ca95afa7-f183-4018-8c2f-95268e101a2a';

/** Dynamic Capacity Extent (Table 8-51), 0x28 bytes. */
export const dcEventExtent = struct('dc_event_extent', {
  start_dpa: u64,
  length: u64,
  tag: bytes(16),
  shared_extn_seq: u16,
  rsvd: reserved(6),
});

export const dynamicCapacityEvent = struct('dynamic_capacity_event', {
  event_type: u8,
  validity_flags: bitfield(u8, { avail_counts_valid: 0 }),
  host_id: u16,
  updated_region_id: u8,
  flags: bitfield(u8, { more: 0 }),
  rsvd: reserved(2),
  extent: dcEventExtent,
  rsvd2: reserved(0x18),
  num_avail_extents: u32,
  num_avail_tags: u32,
});
