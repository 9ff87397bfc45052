/** The emulator as a transport: whole CCI messages handed to an in-process device. */
import { CCI_MAX_PAYLOAD_LENGTH } from '../protocol/constants.js';
import { CXLMI_RET_BUSY } from '../protocol/retcodes.js';
import { type LinkExchange, type MessageLink, MessageTransport } from '../transport/message-link.js';
import type { Transport } from '../transport/transport.js';
import type { EmulatedDevice } from './device.js';
import { FaultPlan, mangle, refusal, tunnelInnerError } from './faults.js';
import { type ReplyTarget, scheduleReply } from './reply-scheduler.js';

export interface EmulatorLinkOptions {
  /** Delay before each response is delivered, in ms (0 = as fast as possible). */
  latencyMs?: number;
  /** Largest request payload (default: what a 21-bit length allows). */
  maxPayload?: number;
  /** Shown as the endpoint's description (default `emulator:<device kind>`). */
  description?: string;
  /** Whether the device takes FM-API commands (default: false). */
  fmapi?: boolean;
}

/** exchange() callers get the reply through their promise's resolve function. */
const PROMISE_TARGET: ReplyTarget<(reply: Uint8Array) => void> = {
  received: (resolve, reply) => resolve(reply),
};

export class EmulatorLink implements MessageLink {
  readonly kind = 'emulator';
  readonly description: string;
  readonly maxPayload: number;
  readonly fmapi: boolean;
  readonly device: EmulatedDevice;
  latencyMs: number;
  /** Faults to inject on this endpoint (see faults.ts). */
  readonly faults = new FaultPlan();

  constructor(device: EmulatedDevice, opts: EmulatorLinkOptions = {}) {
    this.device = device;
    this.latencyMs = opts.latencyMs ?? 0;
    this.maxPayload = opts.maxPayload ?? CCI_MAX_PAYLOAD_LENGTH;
    this.description =
      opts.description ?? `emulator:${device.constructor.name.replace(/Device$/, '').toLowerCase()}`;
    this.fmapi = opts.fmapi ?? false;
  }

  exchange(message: Uint8Array, _x: LinkExchange): Promise<Uint8Array> {
    return new Promise((resolve) => this.post(message, resolve, PROMISE_TARGET));
  }

  /**
   * The fast path: runs the request now and schedules the reply for `target` (a reply that never
   * comes is simply never scheduled; the endpoint times the request out on its own).
   */
  post<C>(message: Uint8Array, call: C, target: ReplyTarget<C>): void {
    const fault = this.faults.size > 0 ? this.faults.take(message[3] | (message[4] << 8)) : undefined;
    let reply: Uint8Array | null;
    let latency = this.latencyMs;
    if (fault?.kind === 'busy') reply = refusal(message, CXLMI_RET_BUSY);
    else if (fault?.kind === 'retcode') reply = refusal(message, fault.code, fault.vendorStatus);
    else if (fault?.kind === 'tunnel-inner-error') {
      reply = tunnelInnerError(message, fault.code, fault.vendorStatus) ?? this.device.dispatch(message);
    } else {
      reply = this.device.dispatch(message);
      if (fault?.kind === 'delay') latency += fault.ms;
      else if (fault?.kind === 'stuck-background') this.device.background.stall();
      else if (fault && reply) reply = mangle(reply, fault);
    }
    if (reply !== null) scheduleReply(target, call, reply, latency);
  }

  close(): void {}
}

/** A Transport to an emulated device: `ctx.openTransport(emulatorTransport(new Type3Device()))`. */
export function emulatorTransport(device: EmulatedDevice, opts: EmulatorLinkOptions = {}): Transport {
  return new MessageTransport(new EmulatorLink(device, opts));
}
