/**
 * The Transport interface: how a CCI request reaches a device and its response comes back.
 * Transports speak messages, not commands. Implement this to reach a device cxlmi has no
 * built-in way to (a lab bridge over TCP, a recorder/replayer) and open it with
 * `ctx.openTransport(transport)`.
 */

export interface CciRequest {
  /** command set << 8 | command. */
  readonly opcode: number;
  readonly payload: Uint8Array;
  /** FM-API command: MCTP transports send it as message type 0x07 instead of 0x08. */
  readonly fmapi: boolean;
}

export interface CciResponse {
  readonly opcode: number;
  readonly retcode: number;
  readonly vendorStatus: number;
  /** The device started the command as a background operation. */
  readonly background: boolean;
  readonly payload: Uint8Array;
}

export interface ExchangeOptions {
  /**
   * Fires when the caller gives up (timeout or the user's AbortSignal). A transport should stop
   * waiting, release what it holds for this request and reject; the endpoint rejects the call
   * on its own either way.
   */
  readonly signal: AbortSignal;
  /** The timeout in force for this request, for transports that need it (socket receive). */
  readonly timeoutMs: number;
}

export interface Transport {
  /** Short kind: `mailbox`, `mctp`, `emulator`, `tunnel`, or your own. */
  readonly kind: string;
  /** Human-readable address: `/dev/cxl/mem0`, `mctp:1,8`, `emulator:type3`. */
  readonly description: string;
  /** Largest request payload this transport can carry. */
  readonly maxPayload: number;
  /** Whether the device behind it accepts FM-API commands, when the transport knows. */
  readonly fmapi?: boolean;
  /** Sends one request and resolves with its response. Never called concurrently by an endpoint. */
  request(req: CciRequest, opts: ExchangeOptions): Promise<CciResponse>;
  close(): void | Promise<void>;
}
