/**
 * The Tunnel Management Command payloads (CXL r3.2 Tables 7-32 / 7-33), built and checked with
 * the 5300h layouts from the command table.
 */
import { tunnelCommandReq, tunnelCommandRsp } from '../../commands/fmapi/mld-port.js';
import { CxlmiProtocolError, hex4 } from '../../errors.js';
import { CCI_CATEGORY_REQUEST, CCI_HEADER_SIZE } from '../../protocol/constants.js';
import { encodeMessage } from '../../protocol/header.js';

/** Bytes the tunnel adds in front of the carried message (both directions). */
export const TUNNEL_HEADER_SIZE = 4;

/** A 5300h request payload carrying one request message. */
export function wrapTunnelRequest(
  id: number,
  targetType: number,
  tag: number,
  opcode: number,
  payload: Uint8Array,
): Uint8Array {
  const message = encodeMessage({ category: CCI_CATEGORY_REQUEST, tag, opcode, payload });
  return tunnelCommandReq.encode(
    { id, target_type: targetType, command_size: message.length, message },
    'fmapi_tunnel_management_command',
  );
}

/**
 * The message carried by a 5300h response payload. Strict: the tunnel's length must account for
 * exactly the bytes that arrived, and must hold at least a message header.
 */
export function unwrapTunnelResponse(payload: Uint8Array, where: string, innerOpcode: number): Uint8Array {
  if (payload.length < TUNNEL_HEADER_SIZE) {
    throw new CxlmiProtocolError(
      `tunnel response from ${where} is ${payload.length} bytes, shorter than its ${TUNNEL_HEADER_SIZE}-byte header`,
      innerOpcode,
    );
  }
  const rsp = tunnelCommandRsp.decode(payload, 'fmapi_tunnel_management_command');
  if (rsp.length !== rsp.message.length) {
    throw new CxlmiProtocolError(
      `tunnel response from ${where} says it carries ${rsp.length} bytes but ${rsp.message.length} arrived (opcode 0x${hex4(innerOpcode)})`,
      innerOpcode,
    );
  }
  if (rsp.length < CCI_HEADER_SIZE) {
    throw new CxlmiProtocolError(
      `tunnel response from ${where} carries ${rsp.length} bytes, too few for a message header (opcode 0x${hex4(innerOpcode)})`,
      innerOpcode,
    );
  }
  return rsp.message;
}
