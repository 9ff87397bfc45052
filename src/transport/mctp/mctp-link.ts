/** The MCTP MessageLink: whole CCI messages over an AF_MCTP socket, framed by MessageTransport. */
import { CxlmiUsageError } from '../../errors.js';
import { CCI_MAX_PAYLOAD_LENGTH, MCTP_TYPE_CXL_CCI, MCTP_TYPE_CXL_FMAPI } from '../../protocol/constants.js';
import { type LinkExchange, type MessageLink, MessageTransport } from '../message-link.js';
import type { Transport } from '../transport.js';
import type { Clock } from './clock.js';
import { MctpChannel } from './mctp-channel.js';
import type { MctpDatagram, MctpSocketOps } from './mctp-socket.js';
import { nativeMctpSocketOps } from './native-mctp-socket.js';

/** Largest mailbox-style payload a CCI carries (CXL r3.1 §8.2.8.4.3: 2^20 bytes). */
export const MCTP_DEFAULT_MAX_PAYLOAD = 1 << 20;

export interface MctpOpenOptions {
  /** Least time between one exchange and the next message, in ms (default 0). */
  readonly minGapMs?: number;
  /** Largest request payload to allow (default 1 MiB). */
  readonly maxPayload?: number;
  /** Whether the endpoint takes FM-API (message type 0x07); default: decided by probing. */
  readonly fmapi?: boolean;
  /**
   * Whether the endpoint takes message type 0x08 (default true). An endpoint that lists only
   * 0x07 (an FM-API-only CCI) gets every message, Identify included, as 0x07.
   */
  readonly cci?: boolean;
  /** Socket calls to use (tests pass a fake peer). */
  readonly ops?: MctpSocketOps;
  readonly clock?: Clock;
  /** Told about every datagram that was discarded while waiting. */
  readonly onDiscard?: (datagram: MctpDatagram, why: string) => void;
}

function checkAddress(net: number, eid: number): void {
  if (!Number.isInteger(net) || net < 0 || net > 0xffffffff) {
    throw new CxlmiUsageError(`MCTP network id must be an integer from 0 to 4294967295, got ${net}`);
  }
  // 0 is the null EID and 0xff the broadcast EID (DSP0236 §8.2): neither names one endpoint.
  if (!Number.isInteger(eid) || eid < 1 || eid > 0xfe) {
    throw new CxlmiUsageError(`MCTP EID must be an integer from 1 to 254, got ${eid}`);
  }
}

export class MctpLink implements MessageLink {
  readonly kind = 'mctp';
  readonly description: string;
  readonly maxPayload: number;
  readonly fmapi: boolean | undefined;
  readonly cci: boolean;
  readonly channel: MctpChannel;
  readonly #close: () => Promise<void>;

  constructor(net: number, eid: number, options: MctpOpenOptions = {}) {
    checkAddress(net, eid);
    const maxPayload = options.maxPayload ?? MCTP_DEFAULT_MAX_PAYLOAD;
    if (!Number.isInteger(maxPayload) || maxPayload < 0 || maxPayload > CCI_MAX_PAYLOAD_LENGTH) {
      throw new CxlmiUsageError(`maxPayload must be an integer from 0 to ${CCI_MAX_PAYLOAD_LENGTH}`);
    }
    const minGapMs = options.minGapMs ?? 0;
    if (!Number.isFinite(minGapMs) || minGapMs < 0) throw new CxlmiUsageError('minGapMs must be 0 or more');
    const socket = (options.ops ?? nativeMctpSocketOps).open();
    this.description = `mctp:${net},${eid}`;
    this.maxPayload = maxPayload;
    this.cci = options.cci ?? true;
    this.fmapi = options.fmapi ?? (this.cci ? undefined : true);
    this.channel = new MctpChannel(
      socket,
      { net, eid },
      { minGapMs, clock: options.clock, onDiscard: options.onDiscard },
    );
    this.#close = () => socket.close();
  }

  exchange(message: Uint8Array, x: LinkExchange): Promise<Uint8Array> {
    return this.channel.exchange(message, {
      type: x.fmapi || !this.cci ? MCTP_TYPE_CXL_FMAPI : MCTP_TYPE_CXL_CCI,
      matches: x.matches,
      timeoutMs: x.timeoutMs,
      signal: x.signal,
      opcode: message.length >= 5 ? message[3] | (message[4] << 8) : 0,
    });
  }

  close(): Promise<void> {
    return this.#close();
  }
}

/** Opens an MCTP endpoint: a requester socket to (net, eid), framed as CCI messages. */
export function openMctpTransport(net: number, eid: number, options: MctpOpenOptions = {}): Transport {
  return new MessageTransport(new MctpLink(net, eid, options));
}
