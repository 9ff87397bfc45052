/**
 * MCTP packets (DMTF DSP0236 §8.1): a 4-byte transport header, then up to one transmission unit
 * of message body. The first packet of a message (SOM) starts with the message type byte.
 *
 *   byte 0  header version (0001b) in bits 3:0
 *   byte 1  destination EID      byte 2  source EID
 *   byte 3  SOM (7) | EOM (6) | packet sequence (5:4) | tag owner (3) | message tag (2:0)
 */

export const MCTP_HEADER_SIZE = 4;
export const MCTP_HEADER_VERSION = 0x01;
/** The baseline transmission unit (DSP0236 §8.3): what Linux's mctp-serial carries per packet. */
export const MCTP_BASELINE_UNIT = 64;

export interface MctpPacketHeader {
  dest: number;
  src: number;
  som: boolean;
  eom: boolean;
  seq: number;
  /** Tag owner: set on requests. */
  to: boolean;
  tag: number;
}

export function decodePacketHeader(p: Uint8Array): MctpPacketHeader | undefined {
  if (p.length < MCTP_HEADER_SIZE || (p[0] & 0x0f) !== MCTP_HEADER_VERSION) return undefined;
  const f = p[3];
  return {
    dest: p[1],
    src: p[2],
    som: (f & 0x80) !== 0,
    eom: (f & 0x40) !== 0,
    seq: (f >> 4) & 0x03,
    to: (f & 0x08) !== 0,
    tag: f & 0x07,
  };
}

export function encodePacketHeader(h: MctpPacketHeader, out: Uint8Array): void {
  out[0] = MCTP_HEADER_VERSION;
  out[1] = h.dest;
  out[2] = h.src;
  out[3] = (h.som ? 0x80 : 0) | (h.eom ? 0x40 : 0) | ((h.seq & 3) << 4) | (h.to ? 0x08 : 0) | (h.tag & 7);
}

/** A whole MCTP message: type byte first, then the body. */
export interface MctpMessage {
  dest: number;
  src: number;
  to: boolean;
  tag: number;
  /** Message type byte then body. */
  bytes: Uint8Array;
}

/** Splits a message into packets of at most `unit` body bytes, sequence numbers from 0. */
export function packetise(m: MctpMessage, unit = MCTP_BASELINE_UNIT): Uint8Array[] {
  if (m.bytes.length === 0) throw new RangeError('an MCTP message has at least its type byte');
  const out: Uint8Array[] = [];
  for (let pos = 0, seq = 0; pos < m.bytes.length; pos += unit, seq = (seq + 1) & 3) {
    const body = m.bytes.subarray(pos, pos + unit);
    const p = new Uint8Array(MCTP_HEADER_SIZE + body.length);
    encodePacketHeader(
      {
        dest: m.dest,
        src: m.src,
        som: pos === 0,
        eom: pos + unit >= m.bytes.length,
        seq,
        to: m.to,
        tag: m.tag,
      },
      p,
    );
    p.set(body, MCTP_HEADER_SIZE);
    out.push(p);
  }
  return out;
}

/** Why packets were thrown away (counted by the reassembler). */
export type ReassemblyDrop = 'header' | 'no-start' | 'sequence' | 'too-long' | 'empty';

interface Partial {
  chunks: Uint8Array[];
  length: number;
  nextSeq: number;
}

/**
 * Rebuilds messages from packets, one context per (source, destination, tag owner, tag) as
 * DSP0236 §8.8 keys them, so packets of several messages may interleave. A packet out of
 * sequence drops the message it belonged to; a new SOM restarts its context.
 */
export class Reassembler {
  readonly drops: Record<ReassemblyDrop, number> = {
    header: 0,
    'no-start': 0,
    sequence: 0,
    'too-long': 0,
    empty: 0,
  };
  readonly #maxMessage: number;
  readonly #partial = new Map<number, Partial>();

  constructor(maxMessage = 1 << 22) {
    this.#maxMessage = maxMessage;
  }

  /** The message this packet completes, if any. */
  push(packet: Uint8Array): MctpMessage | undefined {
    const h = decodePacketHeader(packet);
    if (!h) {
      this.drops.header++;
      return undefined;
    }
    const body = packet.subarray(MCTP_HEADER_SIZE);
    const key = (h.src << 16) | (h.dest << 8) | (h.to ? 8 : 0) | h.tag;
    let ctx = this.#partial.get(key);
    if (h.som) {
      if (body.length === 0) {
        this.drops.empty++;
        this.#partial.delete(key);
        return undefined;
      }
      ctx = { chunks: [], length: 0, nextSeq: h.seq };
      this.#partial.set(key, ctx);
    } else if (!ctx) {
      this.drops['no-start']++;
      return undefined;
    }
    if (h.seq !== ctx.nextSeq) {
      this.drops.sequence++;
      this.#partial.delete(key);
      return undefined;
    }
    if (ctx.length + body.length > this.#maxMessage) {
      this.drops['too-long']++;
      this.#partial.delete(key);
      return undefined;
    }
    ctx.chunks.push(body.slice());
    ctx.length += body.length;
    ctx.nextSeq = (h.seq + 1) & 3;
    if (!h.eom) return undefined;
    this.#partial.delete(key);
    const bytes = ctx.chunks.length === 1 ? ctx.chunks[0] : concat(ctx.chunks, ctx.length);
    return { dest: h.dest, src: h.src, to: h.to, tag: h.tag, bytes };
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
