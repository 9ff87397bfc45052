/** Physical Switch Event Record data (CXL r3.1 Table 7-77 / r3.2 Table 7-79, offsets 30h-7Fh). */
import { bits, reserved, struct, u8, u16 } from '../../../protocol/layout/index.js';

export const PHYSICAL_SWITCH_EVENT_UUID = '77cf9271-9c02-470b-9fe4-bc7b75f2da97';

export const physicalSwitchEvent = struct('physical_switch_event', {
  physical_port_id: u8,
  event_type: u8,
  slot_status_reg: u16,
  rsvd: reserved(1),
  _b0: bits(u8, { config_state: [0, 4] }),
  _b1: bits(u8, { connected_device_mode: [0, 4] }),
  rsvd2: reserved(1),
  connected_device_type: u8,
  supported_cxl_modes: u8,
  _b2: bits(u8, { max_link_width: [0, 6] }),
  _b3: bits(u8, { negotiated_link_width: [0, 6] }),
  _b4: bits(u8, { supported_link_speeds_vector: [0, 6] }),
  _b5: bits(u8, { max_link_speed: [0, 6] }),
  _b6: bits(u8, { current_link_speed: [0, 6] }),
  ltssm_state: u8,
  first_lane_num: u8,
  link_state_flags: u16,
  rsvd3: reserved(0x3d),
});
