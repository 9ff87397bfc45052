/**
 * The fast path between an endpoint and the library's own transports. Instead of a promise per
 * layer, a transport is handed the request in flight (a PendingCall) and answers through it: the
 * response message is passed by offset into the buffer it arrived in, and the endpoint's queue
 * decodes it and settles the caller's promise directly — one promise per command.
 *
 * Transports written against the public `Transport` interface (`request()` returning a promise)
 * keep working: `startOn()` bridges them, and only they pay for the closures that takes.
 */
import type { CciResponse, ExchangeOptions, Transport } from './transport.js';

/** A tunnel a call travels through: it unwraps the answer before the call sees it. */
export interface Unwrapper {
  unwrap(
    call: PendingCall,
    bytes: Uint8Array,
    payloadStart: number,
    end: number,
    retcode: number,
    vendorStatus: number,
    background: boolean,
  ): void;
}

export interface PendingCall extends ExchangeOptions {
  /** The opcode the caller sent (the one carried innermost when tunneled). */
  readonly opcode: number;
  /** Tag and opcode of the outermost message on the wire (set by the framer that sends it). */
  wireTag: number;
  wireOpcode: number;
  /** The tunnel (if any) whose envelope the wire message is. */
  via: Unwrapper | undefined;
  /** Tunnel tag of the carried message(s). */
  viaTag: number;
  /**
   * A validated response message: its header at `bytes[start]`, its payload up to `end`. The
   * caller has checked tag, opcode, category and length.
   */
  onMessage(bytes: Uint8Array, start: number, end: number): void;
  /** A response from a promise-based transport. */
  onResponse(rsp: CciResponse): void;
  /** The payload at bytes[payloadStart..end) is the final answer (tunnels call this once unwrapped). */
  complete(
    bytes: Uint8Array,
    payloadStart: number,
    end: number,
    retcode: number,
    vendorStatus: number,
    background: boolean,
  ): void;
  fail(e: unknown): void;
}

/** A transport that takes PendingCalls (the library's message framer and tunnels). */
export interface DirectTransport extends Transport {
  start(call: PendingCall, opcode: number, payload: Uint8Array, fmapi: boolean): void;
}

/** Starts `call` on `t` as (opcode, payload, fmapi): directly when it can, through request() otherwise. */
export function startOn(
  t: Transport,
  call: PendingCall,
  opcode: number,
  payload: Uint8Array,
  fmapi: boolean,
): void {
  const direct = (t as Partial<DirectTransport>).start;
  if (direct !== undefined) {
    direct.call(t, call, opcode, payload, fmapi);
    return;
  }
  let p: Promise<CciResponse>;
  try {
    p = t.request({ opcode, payload, fmapi }, call);
  } catch (e) {
    p = Promise.reject(e);
  }
  p.then(
    (rsp) => call.onResponse(rsp),
    (e: unknown) => call.fail(e),
  );
}
