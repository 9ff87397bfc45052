/**
 * Tunneling: every request travels inside Tunnel Management Command (5300h) requests, one per
 * hop (one level: to an LD of an MLD, to the device on a switch port, to the LD-pool CCI of a
 * multi-headed device; two: switch port, then LD). All envelopes and the carried message are
 * written into one buffer (with room in front for the framer's header when the base transport
 * frames messages itself), and the answer is unwrapped level by level by offset, with strict
 * checks at each level and no copies.
 */
import { tunnelManagementCommand } from '../../commands/fmapi/mld-port.js';
import { CxlmiCommandError, CxlmiProtocolError, hex4 } from '../../errors.js';
import { CCI_CATEGORY_REQUEST, CCI_HEADER_SIZE } from '../../protocol/constants.js';
import { writeHeader } from '../../protocol/header.js';
import { CXLMI_RET_SUCCESS } from '../../protocol/retcodes.js';
import { checkResponse } from '../message-link.js';
import { type DirectTransport, type PendingCall, startOn, type Unwrapper } from '../pending.js';
import type { CciRequest, CciResponse, ExchangeOptions, Transport } from '../transport.js';
import { TUNNEL_HEADER_SIZE } from './wrap.js';

export interface TunnelHop {
  /** Port or LD id (ignored for the LD-pool CCI). */
  readonly id: number;
  /** 0 = port or LD, 1 = the LD-pool CCI of a multi-headed device. */
  readonly targetType: number;
  /** For descriptions: `port 3`, `ld 1`, `mhd`. */
  readonly label: string;
}

const TUNNEL_OPCODE = tunnelManagementCommand.opcode;
/** What each level adds: the tunnel header and the carried message's header. */
const PER_LEVEL = TUNNEL_HEADER_SIZE + CCI_HEADER_SIZE;

/** A framer that can send a message whose payload is already in place after its headroom. */
interface Framer extends DirectTransport {
  readonly headroom: number;
  startFramed(call: PendingCall, opcode: number, message: Uint8Array, fmapi: boolean): void;
}

export class TunnelTransport implements DirectTransport, Unwrapper {
  readonly kind = 'tunnel';
  readonly description: string;
  readonly maxPayload: number;
  readonly fmapi: boolean | undefined;
  /** The transport the outermost 5300h request goes through. */
  readonly inner: Transport;
  /** Outermost first. */
  readonly hops: readonly TunnelHop[];
  readonly #framer: Framer | undefined;
  #tag = 0;

  constructor(inner: Transport, hops: readonly TunnelHop[]) {
    if (hops.length === 0) throw new RangeError('a tunnel needs at least one hop');
    this.inner = inner;
    this.hops = hops;
    this.description = [inner.description, ...hops.map((h) => h.label)].join(' → ');
    this.maxPayload = Math.max(0, inner.maxPayload - hops.length * PER_LEVEL);
    this.fmapi = inner.fmapi;
    const f = inner as Partial<Framer>;
    this.#framer =
      typeof f.startFramed === 'function' && typeof f.headroom === 'number' ? (f as Framer) : undefined;
  }

  /** The innermost hop (what error messages about the carried command name). */
  get hop(): TunnelHop {
    return this.hops[this.hops.length - 1];
  }

  /**
   * Writes the envelopes and the carried request into one new buffer, after `headroom` free bytes:
   * [tunnel header, 5300h header]… tunnel header, carried header, payload.
   */
  #build(headroom: number, tag: number, opcode: number, payload: Uint8Array): Uint8Array {
    const hops = this.hops;
    const out = new Uint8Array(headroom + hops.length * PER_LEVEL + payload.length);
    let p = headroom;
    for (let i = 0; i < hops.length; i++) {
      const carried = (hops.length - i) * PER_LEVEL - TUNNEL_HEADER_SIZE + payload.length;
      if (carried > 0xffff) {
        throw new RangeError(
          `cxlmi_cmd_fmapi_tunnel_command_req.command_size = ${carried} does not fit a u16 field`,
        );
      }
      const h = hops[i];
      out[p] = h.id;
      out[p + 1] = h.targetType;
      out[p + 2] = carried & 0xff;
      out[p + 3] = carried >>> 8;
      p += TUNNEL_HEADER_SIZE;
      const last = i === hops.length - 1;
      writeHeader(
        out,
        p,
        CCI_CATEGORY_REQUEST,
        tag,
        last ? opcode : TUNNEL_OPCODE,
        carried - CCI_HEADER_SIZE,
        false,
        0,
        0,
      );
      p += CCI_HEADER_SIZE;
    }
    if (payload.length > 0) out.set(payload, p);
    return out;
  }

  #nextTag(): number {
    const tag = this.#tag;
    this.#tag = (tag + 1) & 0xff;
    return tag;
  }

  /** The fast path: the call's answer comes back through unwrap(). */
  start(call: PendingCall, opcode: number, payload: Uint8Array, fmapi: boolean): void {
    void fmapi; // the 5300h envelope is an FM-API command whatever it carries
    const tag = this.#nextTag();
    call.via = this;
    call.viaTag = tag;
    const framer = this.#framer;
    if (framer !== undefined) {
      framer.startFramed(call, TUNNEL_OPCODE, this.#build(framer.headroom, tag, opcode, payload), true);
    } else startOn(this.inner, call, TUNNEL_OPCODE, this.#build(0, tag, opcode, payload), true);
  }

  unwrap(
    call: PendingCall,
    bytes: Uint8Array,
    payloadStart: number,
    end: number,
    retcode: number,
    vendorStatus: number,
    background: boolean,
  ): void {
    const m = this.#open(
      bytes,
      payloadStart,
      end,
      retcode,
      vendorStatus,
      background,
      call.viaTag,
      call.opcode,
    );
    call.complete(
      bytes,
      m + CCI_HEADER_SIZE,
      end,
      bytes[m + 8] | (bytes[m + 9] << 8),
      bytes[m + 10] | (bytes[m + 11] << 8),
      (bytes[m + 7] & 0x80) !== 0,
    );
  }

  /**
   * Checks every level of a 5300h answer whose payload is bytes[p..end) and returns where the
   * carried response message starts. Throws the error of the first level that is wrong.
   */
  #open(
    bytes: Uint8Array,
    p: number,
    end: number,
    retcode: number,
    vendorStatus: number,
    background: boolean,
    tag: number,
    opcode: number,
  ): number {
    const hops = this.hops;
    let rc = retcode;
    let vs = vendorStatus;
    let bg = background;
    let at = p;
    for (let i = 0; i < hops.length; i++) {
      const label = hops[i].label;
      const carrying = i === hops.length - 1 ? opcode : TUNNEL_OPCODE;
      if (rc !== CXLMI_RET_SUCCESS) {
        throw new CxlmiCommandError(
          `${tunnelManagementCommand.name} (${label}, carrying 0x${hex4(carrying)})`,
          TUNNEL_OPCODE,
          rc,
          vs,
        );
      }
      if (bg) {
        throw new CxlmiProtocolError(`tunnel to ${label} answered with the background bit set`, carrying);
      }
      const size = end - at;
      if (size < TUNNEL_HEADER_SIZE) {
        throw new CxlmiProtocolError(
          `tunnel response from ${label} is ${size} bytes, shorter than its ${TUNNEL_HEADER_SIZE}-byte header`,
          carrying,
        );
      }
      const length = bytes[at] | (bytes[at + 1] << 8);
      const arrived = size - TUNNEL_HEADER_SIZE;
      if (length !== arrived) {
        throw new CxlmiProtocolError(
          `tunnel response from ${label} says it carries ${length} bytes but ${arrived} arrived (opcode 0x${hex4(carrying)})`,
          carrying,
        );
      }
      if (length < CCI_HEADER_SIZE) {
        throw new CxlmiProtocolError(
          `tunnel response from ${label} carries ${length} bytes, too few for a message header (opcode 0x${hex4(carrying)})`,
          carrying,
        );
      }
      const m = at + TUNNEL_HEADER_SIZE;
      checkResponse(bytes, m, end, tag, carrying);
      if (i === hops.length - 1) return m;
      rc = bytes[m + 8] | (bytes[m + 9] << 8);
      vs = bytes[m + 10] | (bytes[m + 11] << 8);
      bg = (bytes[m + 7] & 0x80) !== 0;
      at = m + CCI_HEADER_SIZE;
    }
    throw new RangeError('unreachable');
  }

  /** The promise API (for callers that use a Transport directly). */
  async request(req: CciRequest, opts: ExchangeOptions): Promise<CciResponse> {
    const tag = this.#nextTag();
    const payload = this.#build(0, tag, req.opcode, req.payload);
    const outer = await this.inner.request({ opcode: TUNNEL_OPCODE, payload, fmapi: true }, opts);
    const b = outer.payload;
    const m = this.#open(
      b,
      0,
      b.length,
      outer.retcode,
      outer.vendorStatus,
      outer.background,
      tag,
      req.opcode,
    );
    return {
      opcode: req.opcode,
      retcode: b[m + 8] | (b[m + 9] << 8),
      vendorStatus: b[m + 10] | (b[m + 11] << 8),
      background: (b[m + 7] & 0x80) !== 0,
      payload: b.subarray(m + CCI_HEADER_SIZE),
    };
  }

  close(): void | Promise<void> {
    // The endpoint owns the wrapped transport and closes it itself.
  }
}
