/**
 * An emulated CXL component: a table of command handlers keyed by opcode, fed whole CCI
 * messages. Requests are decoded and responses encoded with the same layouts the library uses.
 */
import type { AnyCommand, Command } from '../commands/define.js';
import { COMMAND_EFFECT_BITS } from '../commands/generic/effects.js';
import { CxlmiDecodeError } from '../errors.js';
import { CCI_CATEGORY_REQUEST, CCI_CATEGORY_RESPONSE, CCI_HEADER_SIZE } from '../protocol/constants.js';
import { encodeHeader, encodeMessage } from '../protocol/header.js';
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

interface Entry {
  cmd: AnyCommand;
  handler: Handler<any>;
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
    this.#handlers.set(cmd.opcode, { cmd: cmd as AnyCommand, handler });
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
   * would stay silent (not a request, or a header it cannot parse).
   */
  dispatch(message: Uint8Array): Uint8Array | null {
    const m = message;
    if (m.length < CCI_HEADER_SIZE || (m[0] & 0x0f) !== CCI_CATEGORY_REQUEST) return null;
    if ((m[5] | (m[6] << 8) | ((m[7] & 0x1f) << 16)) !== m.length - CCI_HEADER_SIZE) return null;
    const opcode = m[3] | (m[4] << 8);
    const r =
      m.length - CCI_HEADER_SIZE > this.maxRequestPayload
        ? { retcode: CXLMI_RET_PAYLOADLEN, vendorStatus: 0, payload: EMPTY }
        : this.execute(opcode, m.length === CCI_HEADER_SIZE ? EMPTY : m.subarray(CCI_HEADER_SIZE));
    const p = r.payload;
    if (p.byteOffset === CCI_HEADER_SIZE && p.buffer.byteLength === CCI_HEADER_SIZE + p.length) {
      // The handler's response was encoded after room for the header: write it in place.
      const out = new Uint8Array(p.buffer);
      encodeHeader(
        {
          category: CCI_CATEGORY_RESPONSE,
          tag: m[1],
          opcode,
          payloadLength: p.length,
          background: r.retcode === CXLMI_RET_BACKGROUND,
          retcode: r.retcode,
          vendorStatus: r.vendorStatus,
        },
        out,
      );
      return out;
    }
    return encodeMessage({
      category: CCI_CATEGORY_RESPONSE,
      tag: m[1],
      opcode,
      payload: r.payload,
      retcode: r.retcode,
      vendorStatus: r.vendorStatus,
      background: r.retcode === CXLMI_RET_BACKGROUND,
    });
  }

  /** Runs one command from its opcode and payload. */
  execute(
    opcode: number,
    payload: Uint8Array,
  ): { retcode: number; vendorStatus: number; payload: Uint8Array } {
    const entry = this.#handlers.get(opcode);
    if (!entry) return { retcode: CXLMI_RET_UNSUPPORTED, vendorStatus: 0, payload: EMPTY };
    const { cmd, handler } = entry;
    const ctx = this.#ctx;
    ctx.opcode = opcode;
    ctx.effects = cmd.effects ?? 0;
    ctx.payload = payload;
    ctx.started = false;
    try {
      this.background.settle();
      this.beforeCommand();
      let req: unknown;
      if (cmd.request) req = cmd.request.decode(payload, cmd.name);
      else if (payload.length > 0) return { retcode: CXLMI_RET_PAYLOADLEN, vendorStatus: 0, payload: EMPTY };
      const out = handler(req as never, ctx) as unknown;
      if (ctx.started) return { retcode: CXLMI_RET_BACKGROUND, vendorStatus: 0, payload: EMPTY };
      const body = cmd.response
        ? cmd.response.encodeAfter(out as never, CCI_HEADER_SIZE, cmd.name).subarray(CCI_HEADER_SIZE)
        : EMPTY;
      return { retcode: CXLMI_RET_SUCCESS, vendorStatus: 0, payload: body };
    } catch (e) {
      if (e instanceof DeviceReturn) return { retcode: e.code, vendorStatus: e.vendorStatus, payload: EMPTY };
      if (e instanceof CxlmiDecodeError)
        return { retcode: CXLMI_RET_PAYLOADLEN, vendorStatus: 0, payload: EMPTY };
      if (e instanceof RangeError || e instanceof TypeError) {
        return { retcode: CXLMI_RET_INTERNAL, vendorStatus: 0, payload: EMPTY };
      }
      throw e;
    }
  }
}

/** The handler context, reused across commands (dispatch is synchronous). */
class Ctx implements HandlerContext {
  opcode = 0;
  /** The running command's declared Command Effects. */
  effects = 0;
  payload: Uint8Array = EMPTY;
  started = false;
  constructor(readonly device: EmulatedDevice) {}
  startBackground(job: Omit<BackgroundJob, 'opcode'>): BackgroundStarted {
    // Abortable when the command's effects say "Request Abort Background Operation Supported".
    const abortable = job.abortable ?? (this.effects & REQUEST_ABORT_SUPPORTED) !== 0;
    this.device.background.start({ ...job, abortable, opcode: this.opcode });
    this.started = true;
    return STARTED;
  }
}
