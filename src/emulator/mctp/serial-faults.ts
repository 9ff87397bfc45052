/**
 * Faults an emulated MCTP-serial endpoint injects into its replies, the way a flaky bus or a
 * confused device misbehaves. Each rule may be limited to one EID, message type or CCI opcode,
 * and to a number of replies.
 */

import { type CountedRule, FaultRules } from '../fault-rules.js';

export type MctpSerialFault =
  /** The device runs the command, the reply is never sent. */
  | { kind: 'drop' }
  /** The reply goes out this many ms late. */
  | { kind: 'delay'; ms: number }
  /** The reply carries another message tag (the requester's tag plus one). */
  | { kind: 'stale-tag' }
  /** The reply's first frame has a wrong FCS: the receiver must drop the packet. */
  | { kind: 'corrupt-fcs' }
  /** Every frame of the reply is written in pieces of `chunk` bytes, `gapMs` apart. */
  | { kind: 'split'; chunk?: number; gapMs?: number }
  /** The reply comes from another EID (default: the requested EID plus 100, modulo 254). */
  | { kind: 'wrong-eid'; eid?: number };

export interface MctpSerialFaultRule extends CountedRule<MctpSerialFault> {
  /** Only replies from this EID. */
  eid?: number;
  /** Only replies of this MCTP message type (00h control, 07h FM-API, 08h CCI). */
  type?: number;
  /** Only replies to this CCI opcode (types 07h and 08h). */
  opcode?: number;
}

export class MctpSerialFaults extends FaultRules<MctpSerialFault, MctpSerialFaultRule> {
  /** The fault for a reply, consuming one use of its rule. */
  take(eid: number, type: number, opcode: number | undefined): MctpSerialFault | undefined {
    return this.takeFirst(
      (r) =>
        (r.eid === undefined || r.eid === eid) &&
        (r.type === undefined || r.type === type) &&
        (r.opcode === undefined || r.opcode === opcode),
    );
  }
}
