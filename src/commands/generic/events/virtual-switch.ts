/** Virtual CXL Switch Event Record data (CXL r3.1 Table 7-78 / r3.2 Table 7-80, offsets 30h-7Fh). */
import { reserved, struct, u8, u16 } from '../../../protocol/layout/index.js';

export const VIRTUAL_SWITCH_EVENT_UUID = '40d26425-3396-4c4d-a5da-3d47263af425';

export const virtualSwitchEvent = struct('virtual_switch_event', {
  vcs_id: u8,
  vppb_id: u8,
  event_type: u8,
  ppb_binding_status: u8,
  ppb_port_id: u8,
  ppb_ld_id: u8,
  link_control_reg: u16,
  slot_control_reg: u16,
  rsvd: reserved(0x46),
});
