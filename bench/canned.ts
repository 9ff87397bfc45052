/**
 * Canned-reply transports: a link that answers every request with a fixed response (its tags
 * patched to match) after a microtask or a latency, allocating nothing itself. What remains is the
 * library's own cost (framing, queue, promise, tunnel envelopes, decoding).
 */
import { scheduleReply } from '../src/emulator/reply-scheduler.js';
import { CCI_CATEGORY_RESPONSE, CCI_HEADER_SIZE } from '../src/protocol/constants.js';
import { encodeMessage } from '../src/protocol/header.js';
import { type LinkExchange, type MessageLink, MessageTransport } from '../src/transport/message-link.js';
import type { PendingCall } from '../src/transport/pending.js';

/** Identify output (CXL r3.1 Table 8-38): 18 bytes. */
export const IDENTIFY_PAYLOAD = Uint8Array.from([
  0x36, 0x1b, 0x93, 0x0d, 0x36, 0x1b, 1, 0, 8, 7, 6, 5, 4, 3, 2, 1, 12, 3,
]);

/** A response to `opcode` carrying `payload`, wrapped in `levels` 5300h responses. */
export function cannedReply(opcode: number, payload: Uint8Array, levels = 0): Uint8Array {
  let m = encodeMessage({ category: CCI_CATEGORY_RESPONSE, tag: 0, opcode, payload });
  for (let i = 0; i < levels; i++) {
    const p = new Uint8Array(4 + m.length);
    p[0] = m.length & 0xff;
    p[1] = m.length >> 8;
    p.set(m, 4);
    m = encodeMessage({ category: CCI_CATEGORY_RESPONSE, tag: 0, opcode: 0x5300, payload: p });
  }
  return m;
}

export class CannedLink implements MessageLink {
  readonly kind = 'canned';
  readonly description = 'canned';
  readonly maxPayload = 4096;
  readonly fmapi = true;
  constructor(
    readonly reply: Uint8Array,
    readonly levels = 0,
    readonly latencyMs = 0,
  ) {}
  /** Copies each level's tag from the request (headers sit at the same offsets both ways). */
  #patch(message: Uint8Array): void {
    for (let i = 0, at = 0; i <= this.levels; i++, at += CCI_HEADER_SIZE + 4)
      this.reply[at + 1] = message[at + 1];
  }
  exchange(message: Uint8Array, _x: LinkExchange): Promise<Uint8Array> {
    this.#patch(message);
    return Promise.resolve(this.reply);
  }
  post(message: Uint8Array, call: PendingCall, framer: MessageTransport): void {
    this.#patch(message);
    scheduleReply(framer, call, this.reply, this.latencyMs);
  }
  close(): void {}
}

export function cannedTransport(reply: Uint8Array, levels = 0, latencyMs = 0): MessageTransport {
  return new MessageTransport(new CannedLink(reply, levels, latencyMs));
}
