/**
 * MCTP over serial (DMTF DSP0253) framing, as Linux's mctp-serial line discipline speaks it:
 *
 *   7E | 01 (revision) | byte count | packet, with 7E and 7D escaped | FCS high | FCS low | 7E
 *
 * The FCS is CRC-16/CCITT the way Linux's crc_ccitt() computes it (reflected polynomial 0x8408,
 * initial value 0xFFFF, no final xor) over the revision, the byte count and the unescaped packet.
 * Escapes: 7E -> 7D 5E, 7D -> 7D 5D. Linux sends the two FCS bytes unescaped and reads them by
 * position, so this framer does the same (a strict DSP0253 peer would escape them).
 */

export const SERIAL_FRAME_FLAG = 0x7e;
export const SERIAL_ESCAPE = 0x7d;
export const SERIAL_REVISION = 0x01;
/** Largest packet a frame carries: the byte count is one byte; Linux takes at most 74. */
export const SERIAL_MAX_PACKET = 0xff;

const FCS_INIT = 0xffff;
const FCS_TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x8408 : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** Continues a CRC-16/CCITT (Linux crc_ccitt) over `bytes`. */
export function fcs16(bytes: Uint8Array, fcs = FCS_INIT): number {
  let c = fcs;
  for (const b of bytes) c = (c >>> 8) ^ FCS_TABLE[(c ^ b) & 0xff];
  return c;
}

const needsEscape = (b: number): boolean => b === SERIAL_FRAME_FLAG || b === SERIAL_ESCAPE;

/** One frame around one MCTP packet (header included). */
export function encodeSerialFrame(packet: Uint8Array): Uint8Array {
  if (packet.length > SERIAL_MAX_PACKET) {
    throw new RangeError(
      `an MCTP serial frame carries at most ${SERIAL_MAX_PACKET} bytes, got ${packet.length}`,
    );
  }
  let escapes = 0;
  for (const b of packet) if (needsEscape(b)) escapes++;
  const out = new Uint8Array(3 + packet.length + escapes + 3);
  out[0] = SERIAL_FRAME_FLAG;
  out[1] = SERIAL_REVISION;
  out[2] = packet.length;
  let o = 3;
  for (const b of packet) {
    if (needsEscape(b)) {
      out[o++] = SERIAL_ESCAPE;
      out[o++] = b & ~0x20;
    } else out[o++] = b;
  }
  const fcs = fcs16(packet, fcs16(out.subarray(1, 3)));
  out[o++] = fcs >> 8;
  out[o++] = fcs & 0xff;
  out[o] = SERIAL_FRAME_FLAG;
  return out;
}

/** Why a frame was thrown away (counted by the decoder). */
export type SerialFrameError = 'revision' | 'length' | 'fcs' | 'end-flag' | 'escape';

enum RxState {
  /** Waiting for the opening flag. */
  Idle,
  Revision,
  Length,
  Data,
  Escaped,
  Fcs1,
  Fcs2,
  End,
}

/**
 * Turns a byte stream into packets. Bytes may arrive in any chunks; a bad frame is dropped and
 * counted, and the decoder resynchronises on the next flag.
 */
export class SerialFrameDecoder {
  readonly errors: Record<SerialFrameError, number> = {
    revision: 0,
    length: 0,
    fcs: 0,
    'end-flag': 0,
    escape: 0,
  };
  frames = 0;
  readonly #onPacket: (packet: Uint8Array) => void;
  #state = RxState.Idle;
  #buf = new Uint8Array(SERIAL_MAX_PACKET);
  #len = 0;
  #pos = 0;
  #fcs = 0;
  #rcvd = 0;

  constructor(onPacket: (packet: Uint8Array) => void) {
    this.#onPacket = onPacket;
  }

  push(chunk: Uint8Array): void {
    for (const c of chunk) this.#byte(c);
  }

  #fail(why: SerialFrameError, c: number): void {
    this.errors[why]++;
    // A flag that ended a bad frame may open the next one.
    this.#state = c === SERIAL_FRAME_FLAG ? RxState.Revision : RxState.Idle;
  }

  #byte(c: number): void {
    switch (this.#state) {
      case RxState.Idle:
        if (c === SERIAL_FRAME_FLAG) this.#state = RxState.Revision;
        return;
      case RxState.Revision:
        if (c === SERIAL_FRAME_FLAG) return; // back-to-back flags: still between frames
        if (c !== SERIAL_REVISION) {
          this.#fail('revision', c);
          return;
        }
        this.#fcs = fcs16(Uint8Array.of(c));
        this.#state = RxState.Length;
        return;
      case RxState.Length:
        if (c === 0 || c === SERIAL_FRAME_FLAG) {
          this.#fail('length', c);
          return;
        }
        this.#len = c;
        this.#pos = 0;
        this.#fcs = fcs16(Uint8Array.of(c), this.#fcs);
        this.#state = RxState.Data;
        return;
      case RxState.Data:
        if (c === SERIAL_FRAME_FLAG) {
          this.#fail('length', c);
          return;
        }
        if (c === SERIAL_ESCAPE) {
          this.#state = RxState.Escaped;
          return;
        }
        this.#data(c);
        return;
      case RxState.Escaped:
        if (c === SERIAL_FRAME_FLAG) {
          this.#fail('escape', c);
          return;
        }
        this.#state = RxState.Data;
        this.#data(c | 0x20);
        return;
      case RxState.Fcs1:
        this.#rcvd = c << 8;
        this.#state = RxState.Fcs2;
        return;
      case RxState.Fcs2:
        this.#rcvd |= c;
        this.#state = RxState.End;
        return;
      case RxState.End: {
        if (c !== SERIAL_FRAME_FLAG) {
          this.#fail('end-flag', c);
          return;
        }
        this.#state = RxState.Idle;
        if (this.#rcvd !== this.#fcs) {
          this.errors.fcs++;
          return;
        }
        this.frames++;
        this.#onPacket(this.#buf.slice(0, this.#len));
        return;
      }
    }
  }

  #data(c: number): void {
    this.#buf[this.#pos++] = c;
    this.#fcs = (this.#fcs >>> 8) ^ FCS_TABLE[(this.#fcs ^ c) & 0xff];
    if (this.#pos === this.#len) this.#state = RxState.Fcs1;
  }
}
