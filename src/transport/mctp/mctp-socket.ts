/** Where a datagram goes to or came from (`struct sockaddr_mctp` minus the padding). */
export interface MctpAddress {
  readonly net: number;
  readonly eid: number;
  /** MCTP message type (0x07 FM-API, 0x08 CCI). */
  readonly type: number;
  /** `smctp_tag`: tag bits plus MCTP_TAG_OWNER. */
  readonly tag: number;
}

export interface MctpDatagram {
  /** The message body after the MCTP type byte (here: a whole CCI message). */
  readonly data: Uint8Array;
  readonly from: MctpAddress;
}

/**
 * One AF_MCTP datagram socket as the transport uses it. The native
 * implementation makes the syscalls; tests swap in a fake peer.
 */
export interface MctpSocket {
  /** sendto(); throws a CxlmiTransportError carrying errno. */
  sendTo(data: Uint8Array, to: MctpAddress): void;
  /**
   * Waits until a datagram can be read: true when one can, false when
   * `timeoutMs` passed first (negative: no limit). Rejects when `signal` aborts.
   */
  waitReadable(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** One queued datagram, or undefined when none is queued (never blocks). */
  receive(): MctpDatagram | undefined;
  /** Wakes a pending wait and releases the descriptors. Idempotent. */
  close(): Promise<void>;
}

/** Opens requester sockets (never bound: several programs may talk to one endpoint). */
export interface MctpSocketOps {
  open(): MctpSocket;
}
