/**
 * MCTP control messages (message type 00h, DMTF DSP0236 §12) an emulated endpoint answers:
 * Set Endpoint ID (01h), Get Endpoint ID (02h), Get Endpoint UUID (03h), Get MCTP Version
 * Support (04h) and Get Message Type Support (05h). Any other command is answered
 * ERROR_UNSUPPORTED_CMD.
 *
 * Message: type 00h | Rq (7) D (6) instance id (4:0) | command code | [completion code] | data
 */

export const MCTP_TYPE_CONTROL = 0x00;

export const MctpControlCommand = {
  setEndpointId: 0x01,
  getEndpointId: 0x02,
  getEndpointUuid: 0x03,
  getVersionSupport: 0x04,
  getMessageTypeSupport: 0x05,
} as const;

export const MctpCompletion = {
  success: 0x00,
  error: 0x01,
  invalidData: 0x02,
  invalidLength: 0x03,
  notReady: 0x04,
  unsupportedCommand: 0x05,
  /** Get MCTP Version Support: message type number not supported. */
  typeNotSupported: 0x80,
} as const;

/** DSP0236 version entries: BCD with F in the high nibble (F1 F3 F1 00 = 1.3.1). */
const BASE_VERSION = [0xf1, 0xf3, 0xf1, 0x00];
/** DSP0234 (FM-API over MCTP) and DSP0281 (CXL CCI over MCTP) 1.0.0. */
const CXL_BINDING_VERSION = [0xf1, 0xf0, 0xf0, 0x00];

/** What the control responder reads and changes about one endpoint. */
export interface ControlTarget {
  eid: number;
  readonly uuid: Uint8Array;
  /** Message types other than control the endpoint takes (07h, 08h). */
  readonly messageTypes: readonly number[];
  /** Whether another endpoint behind this link already holds `eid`. */
  eidTaken(eid: number): boolean;
}

/** The response to a control request, or undefined when `m` is not a request (stay silent). */
export function answerControl(m: Uint8Array, t: ControlTarget): Uint8Array | undefined {
  if (m.length < 3 || m[0] !== MCTP_TYPE_CONTROL || (m[1] & 0x80) === 0) return undefined;
  const head = [MCTP_TYPE_CONTROL, m[1] & 0x1f, m[2]];
  const data = m.subarray(3);
  const reply = (cc: number, ...rest: number[]): Uint8Array => Uint8Array.from([...head, cc, ...rest]);
  switch (m[2]) {
    case MctpControlCommand.setEndpointId: {
      if (data.length < 2) return reply(MctpCompletion.invalidLength);
      const op = data[0] & 0x03;
      const eid = data[1];
      if (op === 2) return reply(MctpCompletion.invalidData); // reset: only for static EIDs
      if (op === 3) return reply(MctpCompletion.success, 0x00, t.eid, 0); // set discovered flag
      if (eid === 0 || eid === 0xff) return reply(MctpCompletion.invalidData);
      // Assignment status in bits 5:4: 00 accepted, 01 rejected. No EID pool (bits 1:0 = 00).
      if (eid !== t.eid && t.eidTaken(eid)) return reply(MctpCompletion.success, 0x10, t.eid, 0);
      t.eid = eid;
      return reply(MctpCompletion.success, 0x00, t.eid, 0);
    }
    case MctpControlCommand.getEndpointId:
      // Endpoint type byte: simple endpoint (5:4 = 00), dynamic EID (1:0 = 00).
      return reply(MctpCompletion.success, t.eid, 0x00, 0x00);
    case MctpControlCommand.getEndpointUuid:
      return reply(MctpCompletion.success, ...t.uuid);
    case MctpControlCommand.getVersionSupport: {
      if (data.length < 1) return reply(MctpCompletion.invalidLength);
      const type = data[0];
      if (type === 0xff || type === MCTP_TYPE_CONTROL)
        return reply(MctpCompletion.success, 1, ...BASE_VERSION);
      if (t.messageTypes.includes(type)) return reply(MctpCompletion.success, 1, ...CXL_BINDING_VERSION);
      return reply(MctpCompletion.typeNotSupported);
    }
    case MctpControlCommand.getMessageTypeSupport:
      return reply(MctpCompletion.success, t.messageTypes.length, ...t.messageTypes);
    default:
      return reply(MctpCompletion.unsupportedCommand);
  }
}
