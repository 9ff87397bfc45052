/**
 * AF_MCTP datagram sockets through libc: sendto, poll (on a worker thread, with an eventfd that
 * an abort or close writes to wake it), and non-blocking recvfrom.
 */
import { CxlmiClosedError, CxlmiTransportError } from '../../errors.js';
import { ERRNO } from '../native/errno.js';
import { type Libc, libc, type NativeBuffer } from '../native/libc.js';
import { abortReason } from './abort-reason.js';
import {
  AF_MCTP,
  EFD_CLOEXEC,
  EFD_NONBLOCK,
  MSG_DONTWAIT,
  MSG_PEEK,
  MSG_TRUNC,
  POLLERR,
  POLLHUP,
  POLLIN,
  POLLNVAL,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
} from './mctp-constants.js';
import { mctpSyscallError } from './mctp-errors.js';
import { POLLFD_SIZE, pollfd, SOCKADDR_MCTP_SIZE, sockaddrMctp } from './mctp-layouts.js';
import type { MctpAddress, MctpDatagram, MctpSocket, MctpSocketOps } from './mctp-socket.js';

const peerName = (to: MctpAddress): string => `MCTP network ${to.net} EID ${to.eid}`;
const INITIAL_BUFFER = 4096;

class NativeMctpSocket implements MctpSocket {
  readonly #c: Libc;
  readonly #fd: number;
  readonly #wakeFd: number;
  readonly #addr: NativeBuffer;
  readonly #addrLen: NativeBuffer;
  readonly #pollfds: NativeBuffer;
  readonly #counter: NativeBuffer;
  #tx: NativeBuffer;
  #rx: NativeBuffer;
  #pending: Promise<unknown> | undefined;
  #closed = false;

  constructor(c: Libc, fd: number, wakeFd: number) {
    this.#c = c;
    this.#fd = fd;
    this.#wakeFd = wakeFd;
    this.#addr = c.alloc(SOCKADDR_MCTP_SIZE);
    this.#addrLen = c.alloc(4);
    this.#pollfds = c.alloc(2 * POLLFD_SIZE);
    this.#counter = c.alloc(8);
    this.#tx = c.alloc(INITIAL_BUFFER);
    this.#rx = c.alloc(INITIAL_BUFFER);
  }

  sendTo(data: Uint8Array, to: MctpAddress): void {
    this.#assertOpen();
    if (this.#tx.bytes.length < data.length) this.#tx = this.#grow(this.#tx, data.length);
    this.#tx.bytes.set(data);
    this.#addr.bytes.set(
      sockaddrMctp.encode({
        smctp_family: AF_MCTP,
        smctp_network: to.net,
        smctp_addr: to.eid,
        smctp_type: to.type,
        smctp_tag: to.tag,
      }),
    );
    for (;;) {
      const r = this.#c.sendto(
        this.#fd,
        this.#tx.pointer,
        data.length,
        0,
        this.#addr.pointer,
        SOCKADDR_MCTP_SIZE,
      );
      if (r.result === data.length) return;
      if (r.result >= 0) {
        throw new CxlmiTransportError(
          `MCTP sendto() for ${peerName(to)} sent ${r.result} of ${data.length} bytes`,
          {
            syscall: 'sendto',
            transport: 'mctp',
          },
        );
      }
      if (r.errno !== ERRNO.EINTR) throw mctpSyscallError('sendto', r.errno, peerName(to));
    }
  }

  async waitReadable(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    this.#assertOpen();
    if (this.#pending)
      throw new CxlmiTransportError('MCTP socket: a receive is already waiting', { transport: 'mctp' });
    if (signal?.aborted) throw abortReason(signal);
    const wake = (): void => this.#wake();
    signal?.addEventListener('abort', wake, { once: true });
    try {
      const timeout = timeoutMs < 0 || !Number.isFinite(timeoutMs) ? -1 : Math.ceil(timeoutMs);
      let r: { result: number; errno: number };
      do {
        this.#pollfds.bytes.set(pollfd.encode({ fd: this.#fd, events: POLLIN, revents: 0 }), 0);
        this.#pollfds.bytes.set(pollfd.encode({ fd: this.#wakeFd, events: POLLIN, revents: 0 }), POLLFD_SIZE);
        const call = this.#c.poll(this.#pollfds.pointer, 2, timeout);
        this.#pending = call;
        r = await call;
      } while (r.result < 0 && r.errno === ERRNO.EINTR);
      if (r.result < 0) throw mctpSyscallError('poll', r.errno, 'the socket');
      const sock = pollfd.decode(this.#pollfds.bytes.subarray(0, POLLFD_SIZE));
      const woken = pollfd.decode(this.#pollfds.bytes.subarray(POLLFD_SIZE));
      if (woken.revents & POLLIN) {
        this.#c.read(this.#wakeFd, this.#counter.pointer, 8);
        if (signal?.aborted) throw abortReason(signal);
        if (this.#closed) throw new CxlmiClosedError('MCTP socket');
      }
      if (sock.revents & (POLLERR | POLLHUP | POLLNVAL)) {
        throw new CxlmiTransportError(`MCTP socket reported poll events 0x${sock.revents.toString(16)}`, {
          syscall: 'poll',
          transport: 'mctp',
        });
      }
      return (sock.revents & POLLIN) !== 0;
    } finally {
      this.#pending = undefined;
      signal?.removeEventListener('abort', wake);
    }
  }

  receive(): MctpDatagram | undefined {
    this.#assertOpen();
    // Learn the datagram's whole length first, so nothing is ever cut off.
    const length = this.#recv(this.#rx, MSG_PEEK | MSG_TRUNC);
    if (length === undefined) return undefined;
    if (length > this.#rx.bytes.length) this.#rx = this.#grow(this.#rx, length);
    const got = this.#recv(this.#rx, 0);
    if (got === undefined) return undefined;
    const a = sockaddrMctp.decode(this.#addr.bytes);
    return {
      data: this.#rx.bytes.slice(0, got),
      from: { net: a.smctp_network, eid: a.smctp_addr, type: a.smctp_type, tag: a.smctp_tag },
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pending) {
      this.#wake();
      await this.#pending.catch(() => {});
    }
    this.#c.close(this.#fd);
    this.#c.close(this.#wakeFd);
    for (const b of [this.#addr, this.#addrLen, this.#pollfds, this.#counter, this.#tx, this.#rx]) b.free();
  }

  #recv(buf: NativeBuffer, flags: number): number | undefined {
    for (;;) {
      new DataView(this.#addrLen.bytes.buffer, this.#addrLen.bytes.byteOffset, 4).setUint32(
        0,
        SOCKADDR_MCTP_SIZE,
        true,
      );
      const r = this.#c.recvfrom(
        this.#fd,
        buf.pointer,
        buf.bytes.length,
        flags | MSG_DONTWAIT,
        this.#addr.pointer,
        this.#addrLen.pointer,
      );
      if (r.result >= 0) return r.result;
      if (r.errno === ERRNO.EAGAIN || r.errno === ERRNO.EWOULDBLOCK) return undefined;
      if (r.errno !== ERRNO.EINTR) throw mctpSyscallError('recvfrom', r.errno, 'the socket');
    }
  }

  #wake(): void {
    new DataView(this.#counter.bytes.buffer, this.#counter.bytes.byteOffset, 8).setBigUint64(0, 1n, true);
    this.#c.write(this.#wakeFd, this.#counter.pointer, 8);
  }

  #grow(old: NativeBuffer, size: number): NativeBuffer {
    old.free();
    return this.#c.alloc(size);
  }

  #assertOpen(): void {
    if (this.#closed) throw new CxlmiClosedError('MCTP socket');
  }
}

/**
 * Wraps an already-open datagram socket. Tests use an AF_UNIX pair to drive the real poll /
 * eventfd / recvfrom path on kernels without MCTP.
 */
export function nativeSocketFromFd(fd: number): MctpSocket {
  const c = libc();
  const e = c.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (e.result < 0) throw mctpSyscallError('eventfd', e.errno, 'a requester socket');
  return new NativeMctpSocket(c, fd, e.result);
}

/** Real AF_MCTP requester sockets (never bound, so other programs can talk to the same endpoint). */
export const nativeMctpSocketOps: MctpSocketOps = {
  open(): MctpSocket {
    const c = libc();
    const s = c.socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s.result < 0) throw mctpSyscallError('socket', s.errno, 'a requester socket');
    const e = c.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (e.result < 0) {
      c.close(s.result);
      throw mctpSyscallError('eventfd', e.errno, 'a requester socket');
    }
    return new NativeMctpSocket(c, s.result, e.result);
  },
};
