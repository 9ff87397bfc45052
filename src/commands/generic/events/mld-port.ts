/** MLD Port Event Record data (CXL r3.1 Table 7-79 / r3.2 Table 7-81, offsets 30h-7Fh). */
import { bytes, reserved, struct, u8 } from '../../../protocol/layout/index.js';

export const MLD_PORT_EVENT_UUID = '8dc44363-0c96-4710-b7bf-04bb99534c3f';

export const mldPortEvent = struct('mld_port_event', {
  event_type: u8,
  port_id: u8,
  rsvd: reserved(2),
  /** The first 8 bytes of the PCIe ERR_COR / ERR_NONFATAL / ERR_FATAL message the switch received. */
  error_message: bytes(8),
  rsvd2: reserved(0x44),
});
