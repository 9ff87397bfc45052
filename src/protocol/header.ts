/**
 * The CCI message: a 12-byte header followed by the payload (CXL r3.1 Figure 7-19, the format
 * MCTP-carried CCI messages and tunneled commands use).
 *
 *   byte 0      bits 3:0 message category (0 request, 1 response), bits 7:4 reserved
 *   byte 1      message tag
 *   byte 2      reserved
 *   byte 3      command (low byte of the opcode)
 *   byte 4      command set (high byte of the opcode)
 *   bytes 5-7   bits 20:0 payload length, bits 22:21 reserved, bit 23 background operation (BO)
 *   bytes 8-9   return code (responses)
 *   bytes 10-11 vendor specific extended status
 */
import { CxlmiProtocolError, hex4 } from '../errors.js';
import {
  CCI_CATEGORY_REQUEST,
  CCI_CATEGORY_RESPONSE,
  CCI_HEADER_SIZE,
  CCI_MAX_PAYLOAD_LENGTH,
} from './constants.js';

export interface CciHeader {
  /** 0 = request, 1 = response. */
  category: number;
  tag: number;
  /** command_set << 8 | command. */
  opcode: number;
  payloadLength: number;
  /** Background Operation bit: the command was started in the background. */
  background: boolean;
  retcode: number;
  vendorStatus: number;
}

export interface CciMessage extends CciHeader {
  payload: Uint8Array;
}

const BO_BIT = 0x80;

function checkField(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`CCI header ${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
}

/** Writes a header at `buf[offset..offset+12)`. Validates every field. */
export function encodeHeader(h: CciHeader, buf: Uint8Array, offset = 0): void {
  checkField('category', h.category, 0xf);
  checkField('tag', h.tag, 0xff);
  checkField('opcode', h.opcode, 0xffff);
  checkField('payload length', h.payloadLength, CCI_MAX_PAYLOAD_LENGTH);
  checkField('return code', h.retcode, 0xffff);
  checkField('vendor status', h.vendorStatus, 0xffff);
  writeHeader(
    buf,
    offset,
    h.category,
    h.tag,
    h.opcode,
    h.payloadLength,
    h.background,
    h.retcode,
    h.vendorStatus,
  );
}

/**
 * Writes a header from already-valid fields (the hot path: the library's own framers, whose fields
 * are in range by construction). No object, no checks.
 */
export function writeHeader(
  buf: Uint8Array,
  offset: number,
  category: number,
  tag: number,
  opcode: number,
  payloadLength: number,
  background: boolean,
  retcode: number,
  vendorStatus: number,
): void {
  buf[offset] = category;
  buf[offset + 1] = tag;
  buf[offset + 2] = 0;
  buf[offset + 3] = opcode & 0xff;
  buf[offset + 4] = opcode >>> 8;
  buf[offset + 5] = payloadLength & 0xff;
  buf[offset + 6] = (payloadLength >>> 8) & 0xff;
  buf[offset + 7] = ((payloadLength >>> 16) & 0x1f) | (background ? BO_BIT : 0);
  buf[offset + 8] = retcode & 0xff;
  buf[offset + 9] = retcode >>> 8;
  buf[offset + 10] = vendorStatus & 0xff;
  buf[offset + 11] = vendorStatus >>> 8;
}

/** Reads a header; checks the size and the category. Reserved bits are ignored, as the spec asks. */
export function decodeHeader(buf: Uint8Array, offset = 0): CciHeader {
  if (buf.length - offset < CCI_HEADER_SIZE) {
    throw new CxlmiProtocolError(
      `CCI message too short: ${buf.length - offset} bytes, the header alone is ${CCI_HEADER_SIZE}`,
    );
  }
  const category = buf[offset] & 0x0f;
  if (category !== CCI_CATEGORY_REQUEST && category !== CCI_CATEGORY_RESPONSE) {
    throw new CxlmiProtocolError(`CCI message has invalid category ${category} (expected 0 or 1)`);
  }
  return {
    category,
    tag: buf[offset + 1],
    opcode: buf[offset + 3] | (buf[offset + 4] << 8),
    payloadLength: buf[offset + 5] | (buf[offset + 6] << 8) | ((buf[offset + 7] & 0x1f) << 16),
    background: (buf[offset + 7] & BO_BIT) !== 0,
    retcode: buf[offset + 8] | (buf[offset + 9] << 8),
    vendorStatus: buf[offset + 10] | (buf[offset + 11] << 8),
  };
}

export interface MessageFields {
  category: number;
  tag: number;
  opcode: number;
  payload: Uint8Array;
  background?: boolean;
  retcode?: number;
  vendorStatus?: number;
}

/** Header + payload in one new buffer. */
export function encodeMessage(m: MessageFields): Uint8Array {
  const out = new Uint8Array(CCI_HEADER_SIZE + m.payload.length);
  encodeHeader(
    {
      category: m.category,
      tag: m.tag,
      opcode: m.opcode,
      payloadLength: m.payload.length,
      background: m.background ?? false,
      retcode: m.retcode ?? 0,
      vendorStatus: m.vendorStatus ?? 0,
    },
    out,
  );
  out.set(m.payload, CCI_HEADER_SIZE);
  return out;
}

/**
 * Splits a whole message into header and payload (a view, not a copy) and checks that the
 * header's payload length matches the bytes that arrived.
 */
export function decodeMessage(buf: Uint8Array): CciMessage {
  const h = decodeHeader(buf);
  const actual = buf.length - CCI_HEADER_SIZE;
  if (h.payloadLength !== actual) {
    throw new CxlmiProtocolError(
      `CCI message for opcode 0x${hex4(h.opcode)} says its payload is ${h.payloadLength} bytes but ${actual} arrived`,
      h.opcode,
    );
  }
  return { ...h, payload: buf.subarray(CCI_HEADER_SIZE) };
}
