/**
 * Request/response over one unbound AF_MCTP socket to one peer. A request goes out with the
 * tag-owner bit, so the kernel picks the MCTP tag and routes the reply back to this socket; then
 * the channel waits for a datagram the caller recognises and discards everything else (other
 * peers, other message types, requests, stale replies to earlier requests).
 */
import { CxlmiTimeoutError } from '../../errors.js';
import { type Clock, systemClock } from './clock.js';
import { MCTP_NET_ANY, MCTP_TAG_OWNER } from './mctp-constants.js';
import type { MctpDatagram, MctpSocket } from './mctp-socket.js';

export interface MctpPeer {
  readonly net: number;
  readonly eid: number;
}

export interface MctpChannelOptions {
  /** Least time between the end of one exchange and the next message, in ms (some firmware needs it). */
  readonly minGapMs?: number;
  readonly clock?: Clock;
  /** Told about every datagram that was not the awaited response. */
  readonly onDiscard?: (datagram: MctpDatagram, why: string) => void;
}

export interface ChannelExchange {
  /** MCTP message type: 0x08 CXL CCI, 0x07 CXL FM-API. */
  readonly type: number;
  /** True for the datagram that answers this request. */
  readonly matches: (data: Uint8Array) => boolean;
  /** How long to wait for it, in ms (0 or less: no limit). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Opcode in flight, for the timeout error. */
  readonly opcode: number;
}

export class MctpChannel {
  readonly peer: MctpPeer;
  readonly #socket: MctpSocket;
  readonly #clock: Clock;
  readonly #options: MctpChannelOptions;
  #lastMessageAt: number | undefined;

  constructor(socket: MctpSocket, peer: MctpPeer, options: MctpChannelOptions = {}) {
    this.#socket = socket;
    this.peer = peer;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** Sends `message` and resolves with the reply `x.matches` accepts. */
  async exchange(message: Uint8Array, x: ChannelExchange): Promise<Uint8Array> {
    await this.#keepGap(x.signal);
    try {
      this.#socket.sendTo(message, {
        net: this.peer.net,
        eid: this.peer.eid,
        type: x.type,
        tag: MCTP_TAG_OWNER,
      });
      const deadline = x.timeoutMs > 0 ? this.#clock.now() + x.timeoutMs : Number.POSITIVE_INFINITY;
      for (;;) {
        const remaining = deadline - this.#clock.now();
        const ready =
          remaining > 0 &&
          (await this.#socket.waitReadable(Number.isFinite(remaining) ? remaining : -1, x.signal));
        if (!ready) throw new CxlmiTimeoutError(x.opcode, x.timeoutMs, 'mctp');
        for (let d = this.#socket.receive(); d; d = this.#socket.receive()) {
          const why =
            this.#foreign(d, x.type) ?? (x.matches(d.data) ? undefined : 'not the response to this request');
          if (why === undefined) return d.data;
          this.#options.onDiscard?.(d, why);
        }
      }
    } finally {
      this.#lastMessageAt = this.#clock.now();
    }
  }

  #foreign(d: MctpDatagram, type: number): string | undefined {
    if (d.from.eid !== this.peer.eid) return `from EID ${d.from.eid}`;
    if (this.peer.net !== MCTP_NET_ANY && d.from.net !== this.peer.net) return `from network ${d.from.net}`;
    if (d.from.type !== type) return `message type 0x${d.from.type.toString(16)}`;
    if (d.from.tag & MCTP_TAG_OWNER) return 'a request, not a response';
    return undefined;
  }

  async #keepGap(signal?: AbortSignal): Promise<void> {
    const gap = this.#options.minGapMs ?? 0;
    if (gap <= 0 || this.#lastMessageAt === undefined) return;
    const wait = this.#lastMessageAt + gap - this.#clock.now();
    if (wait > 0) await this.#clock.sleep(wait, signal);
  }
}
