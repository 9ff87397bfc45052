/**
 * Message-level transports (MCTP sockets, the emulator, anything that carries whole CCI
 * messages) share one framer: it allocates tags, builds the 12-byte header, and checks that a
 * response is the answer to the request that is waiting for it.
 */
import { CxlmiProtocolError, hex4 } from '../errors.js';
import { CCI_CATEGORY_REQUEST, CCI_CATEGORY_RESPONSE, CCI_HEADER_SIZE } from '../protocol/constants.js';
import { decodeHeader, encodeMessage, writeHeader } from '../protocol/header.js';
import { takeFramed } from './framed.js';
import type { PendingCall } from './pending.js';
import type { CciRequest, CciResponse, ExchangeOptions, Transport } from './transport.js';

export interface LinkExchange {
  /** FM-API command (MCTP message type 0x07). */
  readonly fmapi: boolean;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /**
   * True when a received message answers this request (a response with the right tag and
   * opcode). Datagram links use it to discard stale or stray messages and keep waiting.
   */
  readonly matches: (message: Uint8Array) => boolean;
}

/** Moves whole CCI messages: sends one and resolves with the message that answers it. */
export interface MessageLink {
  readonly kind: string;
  readonly description: string;
  readonly maxPayload: number;
  readonly fmapi?: boolean;
  exchange(message: Uint8Array, x: LinkExchange): Promise<Uint8Array>;
  /**
   * Optional fast path (the emulator has it): take the message and later hand the reply to
   * `framer.received(call, reply)` — no promise, no per-request object. A link that never answers
   * simply never calls it; the endpoint times the request out. The link must be done with
   * `message` when post() returns (the framer reuses the buffer of payload-less requests).
   */
  post?(message: Uint8Array, call: PendingCall, framer: MessageTransport): void;
  close(): void | Promise<void>;
}

/** True when `m` looks like the response to a request with this tag and opcode. */
export function isResponseTo(m: Uint8Array, tag: number, opcode: number): boolean {
  return (
    m.length >= CCI_HEADER_SIZE &&
    (m[0] & 0x0f) === CCI_CATEGORY_RESPONSE &&
    m[1] === tag &&
    m[3] === (opcode & 0xff) &&
    m[4] === opcode >>> 8
  );
}

/** Validates a response message against the request it answers and returns its fields. */
export function parseResponse(message: Uint8Array, tag: number, opcode: number): CciResponse {
  const m = message;
  checkResponse(m, 0, m.length, tag, opcode);
  return {
    opcode,
    retcode: m[8] | (m[9] << 8),
    vendorStatus: m[10] | (m[11] << 8),
    background: (m[7] & 0x80) !== 0,
    payload: m.subarray(CCI_HEADER_SIZE),
  };
}

/**
 * Throws unless `bytes[start..end)` is a well-formed response to the request with this tag and
 * opcode (the checks parseResponse makes, on a message that lies anywhere in a buffer).
 */
export function checkResponse(
  bytes: Uint8Array,
  start: number,
  end: number,
  tag: number,
  opcode: number,
): void {
  const m = bytes;
  const s = start;
  if (end - s < CCI_HEADER_SIZE) decodeHeader(m.subarray(s, end)); // throws the "too short" error
  const category = m[s] & 0x0f;
  const length = m[s + 5] | (m[s + 6] << 8) | ((m[s + 7] & 0x1f) << 16);
  const actual = end - s - CCI_HEADER_SIZE;
  const got = m[s + 3] | (m[s + 4] << 8);
  if (length !== actual) {
    throw new CxlmiProtocolError(
      `CCI message for opcode 0x${hex4(got)} says its payload is ${length} bytes but ${actual} arrived`,
      opcode,
    );
  }
  if (category !== CCI_CATEGORY_RESPONSE) {
    throw new CxlmiProtocolError(
      category === CCI_CATEGORY_REQUEST
        ? `expected a response to opcode 0x${hex4(opcode)}, got a request message`
        : `CCI message has invalid category ${category} (expected 0 or 1)`,
      opcode,
    );
  }
  if (m[s + 1] !== tag) {
    throw new CxlmiProtocolError(`response tag ${m[s + 1]} does not match request tag ${tag}`, opcode);
  }
  if (got !== opcode) {
    throw new CxlmiProtocolError(`response is for opcode 0x${hex4(got)}, expected 0x${hex4(opcode)}`, opcode);
  }
}

/** What a link is told about one exchange; its matcher compares against the request's tag/opcode. */
class Exchange implements LinkExchange {
  #matches: ((m: Uint8Array) => boolean) | undefined;
  constructor(
    readonly fmapi: boolean,
    readonly opts: ExchangeOptions,
    readonly tag: number,
    readonly opcode: number,
  ) {}
  get signal(): AbortSignal {
    return this.opts.signal;
  }
  get timeoutMs(): number {
    return this.opts.timeoutMs;
  }
  /** Made on first use: links that never match replies (the emulator) never pay for it. */
  get matches(): (m: Uint8Array) => boolean {
    this.#matches ??= (m: Uint8Array): boolean => isResponseTo(m, this.tag, this.opcode);
    return this.#matches;
  }
}

/** A Transport over a MessageLink. */
export class MessageTransport implements Transport {
  readonly kind: string;
  readonly description: string;
  readonly maxPayload: number;
  readonly fmapi: boolean | undefined;
  readonly link: MessageLink;
  #tag = 0;

  constructor(link: MessageLink) {
    this.link = link;
    this.kind = link.kind;
    this.description = link.description;
    this.maxPayload = link.maxPayload;
    this.fmapi = link.fmapi;
  }

  /** Bytes this framer writes in front of a payload (tunnels leave room for them). */
  readonly headroom = CCI_HEADER_SIZE;

  request(req: CciRequest, opts: ExchangeOptions): Promise<CciResponse> {
    const tag = this.#nextTag();
    const opcode = req.opcode;
    const message = encodeMessage({ category: CCI_CATEGORY_REQUEST, tag, opcode, payload: req.payload });
    return this.link
      .exchange(message, new Exchange(req.fmapi, opts, tag, opcode))
      .then((reply) => parseResponse(reply, tag, opcode));
  }

  /** The fast path (see transport/pending.ts): frames the payload and sends it for `call`. */
  start(call: PendingCall, opcode: number, payload: Uint8Array, fmapi: boolean): void {
    let message: Uint8Array | undefined;
    if (payload.length === 0 && this.#posts()) message = this.#bare;
    else {
      // A large payload the endpoint encoded with room for the header is sent where it lies.
      message = takeFramed(payload);
      if (message === undefined) {
        message = new Uint8Array(CCI_HEADER_SIZE + payload.length);
        if (payload.length > 0) message.set(payload, CCI_HEADER_SIZE);
      }
    }
    this.startFramed(call, opcode, message, fmapi);
  }

  #direct: boolean | undefined;
  /**
   * Whether the link takes the fast path: it has post(), and its exchange() has not been replaced
   * on the instance (a spy or a wrapper sees every message). Decided at the first request.
   */
  #posts(): boolean {
    this.#direct ??= this.link.post !== undefined && !Object.hasOwn(this.link, 'exchange');
    return this.#direct;
  }

  /** The buffer payload-less requests are framed in on links that consume messages at once. */
  readonly #bare = new Uint8Array(CCI_HEADER_SIZE);

  /** Like start(), with the payload already in place after `headroom` free bytes of `message`. */
  startFramed(call: PendingCall, opcode: number, message: Uint8Array, fmapi: boolean): void {
    const tag = this.#nextTag();
    writeHeader(message, 0, CCI_CATEGORY_REQUEST, tag, opcode, message.length - CCI_HEADER_SIZE, false, 0, 0);
    call.wireTag = tag;
    call.wireOpcode = opcode;
    const link = this.link;
    if (this.#posts()) {
      link.post?.(message, call, this);
      return;
    }
    link.exchange(message, new Exchange(fmapi, call, tag, opcode)).then(
      (reply) => this.received(call, reply),
      (e: unknown) => call.fail(e),
    );
  }

  /** A reply for `call` arrived: checked against the request, then handed over in place. */
  received(call: PendingCall, reply: Uint8Array): void {
    try {
      checkResponse(reply, 0, reply.length, call.wireTag, call.wireOpcode);
    } catch (e) {
      call.fail(e);
      return;
    }
    call.onMessage(reply, 0, reply.length);
  }

  #nextTag(): number {
    const tag = this.#tag;
    this.#tag = (tag + 1) & 0xff;
    return tag;
  }

  close(): void | Promise<void> {
    return this.link.close();
  }
}
