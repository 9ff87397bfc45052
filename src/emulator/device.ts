/**
 * An emulated CXL component: a table of command handlers keyed by opcode, fed whole CCI
 * messages. Requests are decoded and responses encoded with the same layouts the library uses.
 */
import type { AnyCommand, Command } from '../commands/define.js';
import { COMMAND_EFFECT_BITS } from '../commands/generic/effects.js';
import { CxlmiDecodeError } from '../errors.js';
import { CCI_CATEGORY_REQUEST, CCI_CATEGORY_RESPONSE, CCI_HEADER_SIZE } from '../protocol/constants.js';
import { writeHeader } from '../protocol/header.js';
import type { Infer, StructLayout } from '../protocol/layout/index.js';
import {
  CXLMI_RET_BACKGROUND,
  CXLMI_RET_INTERNAL,
  CXLMI_RET_PAYLOADLEN,
  CXLMI_RET_SUCCESS,
  CXLMI_RET_UNSUPPORTED,
} from '../protocol/retcodes.js';
import { type BackgroundJob, BackgroundOperations } from './background.js';
import type { DeviceEvent, DeviceEventListener } from './device-event.js';
import { DeviceReturn } from './device-return.js';

const REQUEST_ABORT_SUPPORTED = 1 << COMMAND_EFFECT_BITS.request_abort_bg_op_supported;

const BACKGROUND_STARTED = Symbol('background started');
export type BackgroundStarted = { readonly [BACKGROUND_STARTED]: true };
const STARTED = { [BACKGROUND_STARTED]: true } as BackgroundStarted;
const EMPTY = new Uint8Array(0);

type ReqOf<C> = C extends { request: infer R } ? (R extends StructLayout ? Infer<R> : undefined) : never;
type RspOf<C> = C extends { response: infer R }
  ? R extends StructLayout
    ? R['__i'] & {}
    : // biome-ignore lint/suspicious/noConfusingVoidType: handlers of commands without a response return nothing
      undefined | void
  : never;

export interface HandlerContext {
  readonly device: EmulatedDevice;
  /** The raw request payload. */
  readonly payload: Uint8Array;
  /** Starts a background operation and answers "Background Command Started". */
  startBackground(job: Omit<BackgroundJob, 'opcode'>): BackgroundStarted;
}

export type Handler<C> = (req: ReqOf<C>, ctx: HandlerContext) => RspOf<C> | BackgroundStarted;

/**
 * A handler that works on the raw request and answers with its response already encoded (the
 * Tunnel Management Command, which carries a whole message to another device and back).
 */
export interface RawHandlerContext {
  readonly device: EmulatedDevice;
  /** The request payload is `bytes[start..bytes.length)`. */
  readonly bytes: Uint8Array;
  readonly start: number;
  /** Free bytes to leave in front of the response payload in the buffer returned. */
  readonly headroom: number;
}

/** Returns a buffer holding the response payload from `ctx.headroom` to its end. */
export type RawHandler = (ctx: RawHandlerContext) => Uint8Array;

interface Entry {
  cmd: AnyCommand;
  handler: Handler<any> | undefined;
  raw: RawHandler | undefined;
}

export interface DeviceOptions {
  /**
   * Largest request payload the device takes; longer ones are answered Invalid Payload Length
   * (default: no limit beyond the 21-bit length field).
   */
  maxRequestPayload?: number;
  /** Milliseconds clock (default `performance.now`); tests pass a manual one. */
  clock?: () => number;
}

export class EmulatedDevice {
  readonly #handlers = new Map<number, Entry>();
  readonly #eventListeners = new Set<DeviceEventListener>();
  readonly #resetHooks: (() => void)[] = [];
  readonly clock: () => number;
  maxRequestPayload: number;
  readonly background: BackgroundOperations;
  readonly #ctx: Ctx = new Ctx(this);
  /** Called before each command; models hook state changes in here. */
  protected beforeCommand(): void {}

  constructor(opts: DeviceOptions = {}) {
    this.clock = opts.clock ?? (() => performance.now());
    this.maxRequestPayload = opts.maxRequestPayload ?? Number.POSITIVE_INFINITY;
    this.background = new BackgroundOperations(this.clock);
  }

  /**
   * Listens to the events the device's models raise (its event logs subscribe here).
   * Returns a function that stops listening.
   */
  onEvent(listener: DeviceEventListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Called by device models: hands an event to every listener. */
  raiseEvent(event: DeviceEvent): void {
    for (const l of this.#eventListeners) l(event);
  }

  /** Registers state that an emulated reset resets (hooks run in registration order). */
  onReset(hook: () => void): void {
    this.#resetHooks.push(hook);
  }

  /** An emulated conventional reset: what the models keep across it is up to their hooks. */
  reset(): void {
    this.background.settle();
    for (const h of this.#resetHooks) h();
  }

  /** Registers (or replaces) the handler for a command. */
  handle<C extends Command<string, string, any, any, any>>(cmd: C, handler: Handler<C>): this {
    this.#handlers.set(cmd.opcode, { cmd: cmd as AnyCommand, handler, raw: undefined });
    return this;
  }

  /** Registers (or replaces) a handler that decodes the request and encodes the response itself. */
  handleRaw(cmd: AnyCommand, raw: RawHandler): this {
    this.#handlers.set(cmd.opcode, { cmd, handler: undefined, raw });
    return this;
  }

  /** Removes a command: the device answers Unsupported for it. */
  unhandle(cmd: AnyCommand): this {
    this.#handlers.delete(cmd.opcode);
    return this;
  }

  supports(opcode: number): boolean {
    return this.#handlers.has(opcode);
  }

  /** Commands this device implements, in opcode order. */
  get commands(): AnyCommand[] {
    return [...this.#handlers.values()].map((e) => e.cmd).sort((a, b) => a.opcode - b.opcode);
  }

  /**
   * Handles one request message and returns the response message, or null when a real device
   * would stay silent (not a request, or a header it cannot parse). The request payload is decoded
   * where it lies in the message, and the response header is written into the buffer the response
   * was encoded into (room for it is left in front): one allocation per reply, no view, no copy.
   */
  dispatch(message: Uint8Array): Uint8Array | null {
    return this.dispatchAt(message, 0, 0);
  }

  /**
   * dispatch() for a request message that lies at `bytes[at..bytes.length)` (carried inside
   * another message), answered into a buffer with `room` free bytes in front of the response
   * message: a tunnel unwraps the request and wraps the answer in place, level by level.
   */
  dispatchAt(bytes: Uint8Array, at: number, room: number): Uint8Array | null {
    const m = bytes;
    if (m.length - at < CCI_HEADER_SIZE || (m[at] & 0x0f) !== CCI_CATEGORY_REQUEST) return null;
    const length = m.length - at - CCI_HEADER_SIZE;
    if ((m[at + 5] | (m[at + 6] << 8) | ((m[at + 7] & 0x1f) << 16)) !== length) return null;
    const opcode = m[at + 3] | (m[at + 4] << 8);
    const headroom = room + CCI_HEADER_SIZE;
    let out: Uint8Array | null;
    if (length > this.maxRequestPayload) {
      out = null;
      this.#retcode = CXLMI_RET_PAYLOADLEN;
      this.#vendorStatus = 0;
    } else out = this.#exec(opcode, m, at + CCI_HEADER_SIZE, headroom);
    const rc = this.#retcode;
    if (out === null) out = new Uint8Array(headroom);
    writeHeader(
      out,
      room,
      CCI_CATEGORY_RESPONSE,
      m[at + 1],
      opcode,
      out.length - headroom,
      rc === CXLMI_RET_BACKGROUND,
      rc,
      this.#vendorStatus,
    );
    return out;
  }

  /** Runs one command from its opcode and payload. */
  execute(
    opcode: number,
    payload: Uint8Array,
  ): { retcode: number; vendorStatus: number; payload: Uint8Array } {
    const out = this.#exec(opcode, payload, 0, CCI_HEADER_SIZE);
    return {
      retcode: this.#retcode,
      vendorStatus: this.#vendorStatus,
      payload: out === null ? EMPTY : out.subarray(CCI_HEADER_SIZE),
    };
  }

  /** Return code and vendor status of the last command run (dispatch is synchronous). */
  #retcode = 0;
  #vendorStatus = 0;

  #fail(retcode: number, vendorStatus = 0): null {
    this.#retcode = retcode;
    this.#vendorStatus = vendorStatus;
    return null;
  }

  /**
   * Runs one command whose request payload is `bytes[start..)`. Returns the response payload
   * encoded after `headroom` free bytes, or null when the response has no payload; the return code
   * and vendor status are left in #retcode / #vendorStatus.
   */
  #exec(opcode: number, bytes: Uint8Array, start: number, headroom: number): Uint8Array | null {
    const entry = this.#handlers.get(opcode);
    if (!entry) return this.#fail(CXLMI_RET_UNSUPPORTED);
    const { cmd, handler, raw } = entry;
    const ctx = this.#ctx;
    ctx.opcode = opcode;
    ctx.effects = cmd.effects ?? 0;
    ctx.bytes = bytes;
    ctx.start = start;
    ctx.headroom = headroom;
    ctx.started = false;
    try {
      this.background.settle();
      this.beforeCommand();
      if (raw !== undefined) {
        const out = raw(ctx);
        this.#retcode = CXLMI_RET_SUCCESS;
        this.#vendorStatus = 0;
        return out;
      }
      let req: unknown;
      if (cmd.request) req = cmd.request.decodeFrom(bytes, start, bytes.length, cmd.name);
      else if (bytes.length > start) return this.#fail(CXLMI_RET_PAYLOADLEN);
      const out = (handler as Handler<unknown>)(req as never, ctx) as unknown;
      if (ctx.started) return this.#fail(CXLMI_RET_BACKGROUND);
      this.#retcode = CXLMI_RET_SUCCESS;
      this.#vendorStatus = 0;
      return cmd.response ? cmd.response.encodeAfter(out as never, headroom, cmd.name) : null;
    } catch (e) {
      if (e instanceof DeviceReturn) return this.#fail(e.code, e.vendorStatus);
      if (e instanceof CxlmiDecodeError) return this.#fail(CXLMI_RET_PAYLOADLEN);
      if (e instanceof RangeError || e instanceof TypeError) return this.#fail(CXLMI_RET_INTERNAL);
      throw e;
    }
  }
}

/** The handler context, reused across commands (dispatch is synchronous). */
class Ctx implements HandlerContext, RawHandlerContext {
  opcode = 0;
  /** Free bytes in front of the response payload (raw handlers). */
  headroom = CCI_HEADER_SIZE;
  /** The running command's declared Command Effects. */
  effects = 0;
  /** The request payload is bytes[start..): a view is only made for handlers that ask for it. */
  bytes: Uint8Array = EMPTY;
  start = 0;
  started = false;
  constructor(readonly device: EmulatedDevice) {}
  get payload(): Uint8Array {
    const b = this.bytes;
    return this.start === 0 ? b : this.start === b.length ? EMPTY : b.subarray(this.start);
  }
  startBackground(job: Omit<BackgroundJob, 'opcode'>): BackgroundStarted {
    // Abortable when the command's effects say "Request Abort Background Operation Supported".
    const abortable = job.abortable ?? (this.effects & REQUEST_ABORT_SUPPORTED) !== 0;
    this.device.background.start({ ...job, abortable, opcode: this.opcode });
    this.started = true;
    return STARTED;
  }
}
