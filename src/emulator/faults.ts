/**
 * Fault injection for emulated endpoints: rules that make a link misbehave the way broken devices
 * and lossy buses do, per endpoint (each link has its own rules) and optionally per command.
 */
import { CCI_HEADER_SIZE } from '../protocol/constants.js';
import { encodeMessage } from '../protocol/header.js';
import { type CountedRule, FaultRules } from './fault-rules.js';

export type Fault =
  /** Answer late. */
  | { kind: 'delay'; ms: number }
  /** The device runs the command but its answer is lost. */
  | { kind: 'drop' }
  /** Cut the response message to this many bytes (header included). */
  | { kind: 'truncate'; length: number }
  /** Drop this many bytes from the end of the payload; the header's length agrees. */
  | { kind: 'short-payload'; cut: number }
  /** Append bytes to the payload (the header's length grows to match). */
  | { kind: 'oversize'; extra: number }
  /** Answer with another tag. */
  | { kind: 'wrong-tag' }
  /** Answer for another opcode. */
  | { kind: 'wrong-opcode' }
  /** XOR one header byte. */
  | { kind: 'corrupt-header'; byte: number; xor: number }
  /** The header's payload length says this, whatever arrived. */
  | { kind: 'lying-length'; length: number }
  /** The command starts its background operation, which then never finishes. */
  | { kind: 'stuck-background' }
  /**
   * A Tunnel Management Command (5300h) succeeds, but the message it carries back answers the
   * tunneled command with this return code (what a failing device behind a switch looks like).
   */
  | { kind: 'tunnel-inner-error'; code: number; vendorStatus?: number }
  /**
   * The device runs the command and answers return code 1 (Background Command Started) with the
   * BO bit set, keeping whatever payload it produced: what a device that chose to run any command
   * in the background looks like (the CEL marks per command whether it may run in the background).
   */
  | { kind: 'background-started' }
  /** Answer Busy without running the command. */
  | { kind: 'busy' }
  /** Answer this return code without running the command. */
  | { kind: 'retcode'; code: number; vendorStatus?: number };

export interface FaultRule extends CountedRule<Fault> {
  /** Only this opcode (default: every command). */
  opcode?: number;
}

export class FaultPlan extends FaultRules<Fault, FaultRule> {
  /** The fault to apply to a request for `opcode`, consuming one use of its rule. */
  take(opcode: number): Fault | undefined {
    return this.takeFirst((r) => r.opcode === undefined || r.opcode === opcode);
  }
}

/** A response built without the device: same tag and opcode as the request, given return code. */
export function refusal(request: Uint8Array, code: number, vendorStatus = 0): Uint8Array {
  return encodeMessage({
    category: 1,
    tag: request[1],
    opcode: request[3] | (request[4] << 8),
    payload: new Uint8Array(0),
    retcode: code,
    vendorStatus,
  });
}

/** Applies a fault that rewrites a response; returns null for a lost response. */
export function mangle(reply: Uint8Array, fault: Fault): Uint8Array | null {
  const out = Uint8Array.from(reply);
  switch (fault.kind) {
    case 'drop':
      return null;
    case 'truncate':
      return out.subarray(0, Math.max(0, Math.min(out.length, fault.length)));
    case 'short-payload': {
      const keep = Math.max(CCI_HEADER_SIZE, out.length - fault.cut);
      return setLength(out.subarray(0, keep), keep - CCI_HEADER_SIZE);
    }
    case 'oversize': {
      const big = new Uint8Array(out.length + fault.extra);
      big.set(out);
      return setLength(big, big.length - CCI_HEADER_SIZE);
    }
    case 'wrong-tag':
      out[1] = (out[1] + 1) & 0xff;
      return out;
    case 'wrong-opcode':
      out[3] ^= 0x01;
      return out;
    case 'corrupt-header':
      out[fault.byte % CCI_HEADER_SIZE] ^= fault.xor;
      return out;
    case 'lying-length':
      return setLength(out, fault.length);
    case 'background-started':
      out[7] |= 0x80;
      out[8] = 1;
      out[9] = 0;
      return out;
    default:
      return out;
  }
}

/** Writes a 21-bit payload length into a message header, keeping the BO bit. */
function setLength(m: Uint8Array, len: number): Uint8Array {
  m[5] = len & 0xff;
  m[6] = (len >> 8) & 0xff;
  m[7] = (m[7] & 0xe0) | ((len >> 16) & 0x1f);
  return m;
}

/**
 * A 5300h response whose carried message answers the tunneled request with a failure code
 * (CXL r3.2 Tables 7-32/7-33: 4-byte tunnel header, then the whole carried message).
 * Returns null when `request` is not a well-formed tunnel request.
 */
export function tunnelInnerError(request: Uint8Array, code: number, vendorStatus = 0): Uint8Array | null {
  const payload = request.subarray(CCI_HEADER_SIZE);
  if (payload.length < 4 + CCI_HEADER_SIZE) return null;
  const inner = payload.subarray(4);
  const carried = encodeMessage({
    category: 1,
    tag: inner[1],
    opcode: inner[3] | (inner[4] << 8),
    payload: new Uint8Array(0),
    retcode: code,
    vendorStatus,
  });
  const body = new Uint8Array(4 + carried.length);
  body[0] = carried.length & 0xff;
  body[1] = carried.length >> 8;
  body.set(carried, 4);
  return encodeMessage({
    category: 1,
    tag: request[1],
    opcode: request[3] | (request[4] << 8),
    payload: body,
  });
}
