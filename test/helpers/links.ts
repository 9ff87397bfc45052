/** Test links that misbehave on purpose: they stand in for devices our emulator would never be. */
import type { LinkExchange, MessageLink } from '../../src/transport/message-link.js';

/** A link whose replies are produced by a function of the request message. */
export class ScriptedLink implements MessageLink {
  readonly kind = 'scripted';
  readonly description = 'scripted';
  readonly maxPayload = 4096;
  sent: Uint8Array[] = [];
  constructor(readonly reply: (msg: Uint8Array, x: LinkExchange) => Uint8Array | Promise<Uint8Array>) {}
  exchange(message: Uint8Array, x: LinkExchange): Promise<Uint8Array> {
    this.sent.push(message);
    return Promise.resolve(this.reply(message, x));
  }
  close(): void {}
}

/** Builds a response message by hand: header fields as the spec lays them out (CXL r3.1 Fig 7-19). */
export function responseBytes(opts: {
  tag: number;
  opcode: number;
  payload?: number[];
  retcode?: number;
  vendor?: number;
  category?: number;
  lengthField?: number;
  bo?: boolean;
}): Uint8Array {
  const payload = opts.payload ?? [];
  const len = opts.lengthField ?? payload.length;
  return Uint8Array.from([
    opts.category ?? 1,
    opts.tag,
    0,
    opts.opcode & 0xff,
    opts.opcode >> 8,
    len & 0xff,
    (len >> 8) & 0xff,
    ((len >> 16) & 0x1f) | (opts.bo ? 0x80 : 0),
    (opts.retcode ?? 0) & 0xff,
    (opts.retcode ?? 0) >> 8,
    (opts.vendor ?? 0) & 0xff,
    (opts.vendor ?? 0) >> 8,
    ...payload,
  ]);
}

/** Tag and opcode of a request message (to answer it). */
export function requestOf(msg: Uint8Array): { tag: number; opcode: number } {
  return { tag: msg[1], opcode: msg[3] | (msg[4] << 8) };
}
