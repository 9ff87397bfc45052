/**
 * Message-level transports (MCTP sockets, the emulator, anything that carries whole CCI
 * messages) share one framer: it allocates tags, builds the 12-byte header, and checks that a
 * response is the answer to the request that is waiting for it.
 */
import { CxlmiProtocolError, hex4 } from '../errors.js';
import { CCI_CATEGORY_REQUEST, CCI_CATEGORY_RESPONSE, CCI_HEADER_SIZE } from '../protocol/constants.js';
import { decodeHeader, encodeMessage } from '../protocol/header.js';
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
  if (message.length < CCI_HEADER_SIZE) decodeHeader(message); // throws the "too short" error
  const m = message;
  const category = m[0] & 0x0f;
  const length = m[5] | (m[6] << 8) | ((m[7] & 0x1f) << 16);
  const actual = m.length - CCI_HEADER_SIZE;
  const got = m[3] | (m[4] << 8);
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
  if (m[1] !== tag) {
    throw new CxlmiProtocolError(`response tag ${m[1]} does not match request tag ${tag}`, opcode);
  }
  if (got !== opcode) {
    throw new CxlmiProtocolError(`response is for opcode 0x${hex4(got)}, expected 0x${hex4(opcode)}`, opcode);
  }
  return {
    opcode,
    retcode: m[8] | (m[9] << 8),
    vendorStatus: m[10] | (m[11] << 8),
    background: (m[7] & 0x80) !== 0,
    payload: m.subarray(CCI_HEADER_SIZE),
  };
}

/** What a link is told about one exchange; its matcher compares against the request's tag/opcode. */
class Exchange implements LinkExchange {
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
  readonly matches = (m: Uint8Array): boolean => isResponseTo(m, this.tag, this.opcode);
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

  request(req: CciRequest, opts: ExchangeOptions): Promise<CciResponse> {
    const tag = this.#tag;
    this.#tag = (tag + 1) & 0xff;
    const opcode = req.opcode;
    const message = encodeMessage({ category: CCI_CATEGORY_REQUEST, tag, opcode, payload: req.payload });
    return this.link
      .exchange(message, new Exchange(req.fmapi, opts, tag, opcode))
      .then((reply) => parseResponse(reply, tag, opcode));
  }

  close(): void | Promise<void> {
    return this.link.close();
  }
}
