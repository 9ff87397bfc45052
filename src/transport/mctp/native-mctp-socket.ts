/**
 * AF_MCTP datagram sockets through libc: sendto, a wait on the process-wide poller, and
 * non-blocking recvfrom.
 */
import { CxlmiClosedError, CxlmiTransportError } from '../../errors.js';
import { ERRNO } from '../native/errno.js';
import { type Libc, libc, type NativeBuffer } from '../native/libc.js';
import { type FdPoller, sharedPoller } from './fd-poller.js';
import { AF_MCTP, MSG_DONTWAIT, MSG_PEEK, MSG_TRUNC, SOCK_CLOEXEC, SOCK_DGRAM } from './mctp-constants.js';
import { mctpSyscallError } from './mctp-errors.js';
import { SOCKADDR_MCTP_SIZE, sockaddrMctp } from './mctp-layouts.js';
import type { MctpAddress, MctpDatagram, MctpSocket, MctpSocketOps } from './mctp-socket.js';

const peerName = (to: MctpAddress): string => `MCTP network ${to.net} EID ${to.eid}`;
const INITIAL_BUFFER = 4096;

class NativeMctpSocket implements MctpSocket {
  readonly #c: Libc;
  readonly #fd: number;
  readonly #poller: FdPoller;
  readonly #addr: NativeBuffer;
  readonly #addrLen: NativeBuffer;
  #tx: NativeBuffer;
  #rx: NativeBuffer;
  #closed = false;

  constructor(c: Libc, fd: number) {
    this.#c = c;
    this.#fd = fd;
    this.#poller = sharedPoller(c);
    this.#addr = c.alloc(SOCKADDR_MCTP_SIZE);
    this.#addrLen = c.alloc(4);
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

  waitReadable(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.#closed) return Promise.reject(new CxlmiClosedError('MCTP socket'));
    return this.#poller.wait(this.#fd, timeoutMs, signal);
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
    // Nobody may be polling this descriptor when it is closed (its number could be reused).
    await this.#poller.release(this.#fd);
    this.#c.close(this.#fd);
    for (const b of [this.#addr, this.#addrLen, this.#tx, this.#rx]) b.free();
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
  return new NativeMctpSocket(libc(), fd);
}

/** Real AF_MCTP requester sockets (never bound, so other programs can talk to the same endpoint). */
export const nativeMctpSocketOps: MctpSocketOps = {
  open(): MctpSocket {
    const c = libc();
    const s = c.socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s.result < 0) throw mctpSyscallError('socket', s.errno, 'a requester socket');
    try {
      return new NativeMctpSocket(c, s.result);
    } catch (e) {
      c.close(s.result);
      throw e;
    }
  },
};
