import { CxlmiClosedError, type CxlmiTransportError } from '../../../src/errors.js';
import { abortReason } from '../../../src/transport/mctp/abort-reason.js';
import type { Clock } from '../../../src/transport/mctp/clock.js';
import type {
  MctpAddress,
  MctpDatagram,
  MctpSocket,
  MctpSocketOps,
} from '../../../src/transport/mctp/mctp-socket.js';

/** What the fake peer does with one sent message: datagrams to queue for the requester. */
export type PeerBehaviour = (data: Uint8Array, to: MctpAddress) => MctpDatagram[];

/**
 * An in-memory AF_MCTP socket: records what is sent, queues what the scripted
 * peer answers, and never waits in real time (a wait with nothing queued is a
 * timeout at once, unless `hang` makes it wait for the abort signal).
 */
export class FakeMctpSocket implements MctpSocket {
  readonly sent: Array<{ data: Uint8Array; to: MctpAddress }> = [];
  readonly queue: MctpDatagram[] = [];
  /** The timeout of every waitReadable call. */
  readonly waits: number[] = [];
  behaviour: PeerBehaviour = () => [];
  sendError: CxlmiTransportError | undefined;
  hang = false;
  closed = false;
  /** Time a queued datagram takes to arrive (moves the fake clock on each successful wait). */
  arrivalDelayMs = 0;

  constructor(private readonly clock?: FakeClock) {}

  sendTo(data: Uint8Array, to: MctpAddress): void {
    if (this.closed) throw new CxlmiClosedError('fake socket');
    if (this.sendError) throw this.sendError;
    this.sent.push({ data: data.slice(), to });
    this.queue.push(...this.behaviour(data, to));
  }

  async waitReadable(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    this.waits.push(timeoutMs);
    if (this.queue.length > 0) {
      if (this.clock) this.clock.t += this.arrivalDelayMs;
      return true;
    }
    if (this.hang) {
      await new Promise<never>((_, reject) => {
        const fail = (): void => reject(abortReason(signal!));
        if (signal?.aborted) fail();
        signal?.addEventListener('abort', fail, { once: true });
      });
    }
    if (this.clock && timeoutMs > 0) this.clock.t += timeoutMs;
    return false;
  }

  receive(): MctpDatagram | undefined {
    return this.queue.shift();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export class FakeMctpSocketOps implements MctpSocketOps {
  readonly sockets: FakeMctpSocket[] = [];
  openError: CxlmiTransportError | undefined;
  constructor(private readonly clock?: FakeClock) {}
  open(): FakeMctpSocket {
    if (this.openError) throw this.openError;
    const s = new FakeMctpSocket(this.clock);
    this.sockets.push(s);
    return s;
  }
}

/** A clock that only moves when told (or when a fake wait times out). */
export class FakeClock implements Clock {
  t = 1000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}
