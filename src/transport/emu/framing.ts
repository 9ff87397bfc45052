/**
 * The framing of the emulator service (`cxlmi emulate --listen PATH`): whole CCI messages over a
 * unix stream socket, each in a frame that names the device it is for. See
 * docs/emulator-service.md for the wire format.
 *
 *   u32 LE  length of the rest of the frame (type byte onwards)
 *   u8      type: HELLO (server → client, once, first), REQUEST (client → server),
 *           RESPONSE (server → client), ERROR (server → client), RESET (client → server),
 *           RESET_DONE (server → client)
 *   …       HELLO: UTF-8 JSON; REQUEST/RESPONSE: u16 LE device index + one whole CCI message;
 *           ERROR: u16 LE device index + UTF-8 text; RESET/RESET_DONE: u16 LE device index
 */
import { CCI_HEADER_SIZE, CCI_MAX_PAYLOAD_LENGTH } from '../../protocol/constants.js';

export const EMU_PROTOCOL = 'cxlmi-emu';
export const EMU_PROTOCOL_VERSION = 1;

export const FRAME_HELLO = 0x01;
export const FRAME_REQUEST = 0x02;
export const FRAME_RESPONSE = 0x03;
export const FRAME_ERROR = 0x04;
/** Asks for a conventional reset of a device (a power cycle of the lab device). */
export const FRAME_RESET = 0x05;
export const FRAME_RESET_DONE = 0x06;

/** Bytes before a frame's body: the length word. */
export const FRAME_PREFIX = 4;
/** Largest length word accepted: type + index + the largest CCI message. */
export const FRAME_MAX = 1 + 2 + CCI_HEADER_SIZE + CCI_MAX_PAYLOAD_LENGTH;
/** Largest HELLO accepted (a device list in JSON). */
export const HELLO_MAX = 1 << 20;

/** One device the service offers, as HELLO lists it. */
export interface EmuDeviceInfo {
  /** Index used in REQUEST/RESPONSE frames. */
  index: number;
  /** The name a client selects with `emu:PATH#NAME`. */
  name: string;
  /** Whether the CCI takes FM-API commands. */
  fmapi: boolean;
  /** Largest request payload the service carries to it. */
  max_payload: number;
}

export interface EmuHello {
  protocol: typeof EMU_PROTOCOL;
  version: number;
  devices: EmuDeviceInfo[];
}

export type Frame =
  | { type: typeof FRAME_HELLO; hello: unknown }
  | { type: typeof FRAME_REQUEST | typeof FRAME_RESPONSE; index: number; message: Uint8Array }
  | { type: typeof FRAME_ERROR; index: number; text: string }
  | { type: typeof FRAME_RESET | typeof FRAME_RESET_DONE; index: number };

/** A REQUEST or RESPONSE frame carrying `message` for device `index`. */
export function messageFrame(type: number, index: number, message: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_PREFIX + 3 + message.length);
  const len = 3 + message.length;
  out[0] = len & 0xff;
  out[1] = (len >>> 8) & 0xff;
  out[2] = (len >>> 16) & 0xff;
  out[3] = len >>> 24;
  out[4] = type;
  out[5] = index & 0xff;
  out[6] = index >>> 8;
  out.set(message, 7);
  return out;
}

function textFrame(type: number, prefix: number[], text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const len = 1 + prefix.length + body.length;
  const out = new Uint8Array(FRAME_PREFIX + len);
  new DataView(out.buffer).setUint32(0, len, true);
  out[4] = type;
  out.set(prefix, 5);
  out.set(body, 5 + prefix.length);
  return out;
}

export function helloFrame(hello: EmuHello): Uint8Array {
  return textFrame(FRAME_HELLO, [], JSON.stringify(hello));
}

export function errorFrame(index: number, text: string): Uint8Array {
  return textFrame(FRAME_ERROR, [index & 0xff, index >>> 8], text);
}

/** Why a byte stream is not a frame stream: the peer speaks something else. */
export class FrameError extends Error {}

/**
 * Splits a byte stream into frames. `push` takes whatever arrived and returns the whole frames it
 * completes; a bad length or type throws FrameError (the connection should then be closed).
 */
export class FrameReader {
  #chunks: Uint8Array[] = [];
  #have = 0;

  push(data: Uint8Array): Frame[] {
    this.#chunks.push(data);
    this.#have += data.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.#have < FRAME_PREFIX) break;
      const head = this.#peek(FRAME_PREFIX);
      const len = (head[0] | (head[1] << 8) | (head[2] << 16)) + head[3] * 0x1000000;
      if (len < 1 || len > Math.max(FRAME_MAX, HELLO_MAX))
        throw new FrameError(`frame length ${len} is out of range`);
      if (this.#have < FRAME_PREFIX + len) break;
      const f = this.#take(FRAME_PREFIX + len).subarray(FRAME_PREFIX);
      frames.push(parseFrame(f));
    }
    return frames;
  }

  #peek(n: number): Uint8Array {
    if (this.#chunks[0].length >= n) return this.#chunks[0];
    return this.#take(n, false);
  }

  #take(n: number, consume = true): Uint8Array {
    const first = this.#chunks[0];
    if (first.length >= n && consume) {
      const out = first.subarray(0, n);
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      this.#have -= n;
      return out;
    }
    const all = new Uint8Array(this.#have);
    let at = 0;
    for (const c of this.#chunks) {
      all.set(c, at);
      at += c.length;
    }
    this.#chunks = [all];
    if (!consume) return all;
    return this.#take(n);
  }
}

function parseFrame(f: Uint8Array): Frame {
  const type = f[0];
  if (type === FRAME_HELLO) {
    try {
      return { type, hello: JSON.parse(new TextDecoder().decode(f.subarray(1))) };
    } catch {
      throw new FrameError('HELLO frame is not JSON');
    }
  }
  if (f.length < 3) throw new FrameError(`frame of type ${type} is too short (${f.length} bytes)`);
  const index = f[1] | (f[2] << 8);
  if (type === FRAME_REQUEST || type === FRAME_RESPONSE) {
    if (f.length - 3 > FRAME_MAX - 3) throw new FrameError('CCI message is longer than 21-bit length allows');
    return { type, index, message: f.slice(3) };
  }
  if (type === FRAME_ERROR) return { type, index, text: new TextDecoder().decode(f.subarray(3)) };
  if (type === FRAME_RESET || type === FRAME_RESET_DONE) {
    if (f.length !== 3) throw new FrameError(`frame of type ${type} carries ${f.length - 3} extra bytes`);
    return { type, index };
  }
  throw new FrameError(`unknown frame type ${type}`);
}

/** Checks a HELLO's content; returns what is wrong, or the hello. */
export function checkHello(h: unknown): EmuHello | string {
  const o = h as Partial<EmuHello> | null;
  if (typeof o !== 'object' || o === null || o.protocol !== EMU_PROTOCOL)
    return `not a cxlmi emulator service (no "${EMU_PROTOCOL}" greeting)`;
  if (o.version !== EMU_PROTOCOL_VERSION)
    return `emulator service speaks protocol version ${String(o.version)}; this cxlmi speaks ${EMU_PROTOCOL_VERSION}`;
  if (!Array.isArray(o.devices)) return 'greeting lists no devices';
  for (const d of o.devices) {
    if (
      typeof d?.name !== 'string' ||
      !Number.isInteger(d.index) ||
      typeof d.fmapi !== 'boolean' ||
      !Number.isInteger(d.max_payload)
    )
      return 'greeting has a malformed device entry';
  }
  return o as EmuHello;
}
