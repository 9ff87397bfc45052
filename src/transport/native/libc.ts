/**
 * The C library calls the kernel mailbox and MCTP transports make, through the FFI package
 * koffi (loaded on first use, so hosts that only use the emulator never load it). Buffers the
 * kernel reads or writes are allocated natively and never move; their addresses go into the
 * uapi structures. Calls that may wait (ioctl, poll) run on a worker thread.
 */
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { CxlmiUnavailableError } from '../../errors.js';

type Koffi = typeof import('koffi');
type KoffiFunction = ReturnType<ReturnType<Koffi['load']>['func']>;
/** An opaque native pointer from koffi. */
export type NativePointer = unknown;

/** Memory the kernel may read and write while a call runs: it never moves. */
export interface NativeBuffer {
  readonly pointer: NativePointer;
  readonly address: bigint;
  readonly bytes: Uint8Array;
  free(): void;
}

/** The libc calls the transports make, declared once. */
export interface Libc {
  readonly koffi: Koffi;
  alloc(size: number): NativeBuffer;
  /** Result and errno of the call (errno only meaningful when result < 0). */
  ioctl(fd: number, request: number, arg: NativePointer): Promise<{ result: number; errno: number }>;
  socket(domain: number, type: number, protocol: number): { result: number; errno: number };
  sendto(
    fd: number,
    buf: NativePointer,
    len: number,
    flags: number,
    addr: NativePointer,
    addrLen: number,
  ): { result: number; errno: number };
  recvfrom(
    fd: number,
    buf: NativePointer,
    len: number,
    flags: number,
    addr: NativePointer,
    addrLen: NativePointer,
  ): { result: number; errno: number };
  poll(fds: NativePointer, nfds: number, timeoutMs: number): Promise<{ result: number; errno: number }>;
  eventfd(initval: number, flags: number): { result: number; errno: number };
  write(fd: number, buf: NativePointer, len: number): { result: number; errno: number };
  read(fd: number, buf: NativePointer, len: number): { result: number; errno: number };
  close(fd: number): void;
  open(path: string, flags: number): { result: number; errno: number };
  setsockopt(
    fd: number,
    level: number,
    name: number,
    value: NativePointer,
    length: number,
  ): { result: number; errno: number };
  /** 0 (errno set) when there is no such interface. */
  ifNameToIndex(name: string): { result: number; errno: number };
}

let cached: Libc | undefined;

function bind(koffi: Koffi): Libc {
  const lib = koffi.load('libc.so.6');
  const fn = {
    ioctl: lib.func('int ioctl(int fd, unsigned long request, void *arg)'),
    socket: lib.func('int socket(int domain, int type, int protocol)'),
    sendto: lib.func(
      'intptr_t sendto(int fd, void *buf, size_t len, int flags, void *addr, uint32_t addrlen)',
    ),
    recvfrom: lib.func(
      'intptr_t recvfrom(int fd, void *buf, size_t len, int flags, void *addr, void *addrlen)',
    ),
    poll: lib.func('int poll(void *fds, unsigned long nfds, int timeout)'),
    eventfd: lib.func('int eventfd(unsigned int initval, int flags)'),
    write: lib.func('intptr_t write(int fd, void *buf, size_t len)'),
    read: lib.func('intptr_t read(int fd, void *buf, size_t len)'),
    close: lib.func('int close(int fd)'),
    open: lib.func('int open(const char *path, int flags)'),
    setsockopt: lib.func('int setsockopt(int fd, int level, int name, void *value, uint32_t length)'),
    if_nametoindex: lib.func('unsigned int if_nametoindex(const char *name)'),
  };
  const sync = (f: KoffiFunction, ...args: unknown[]): { result: number; errno: number } => {
    const result = Number(f(...args));
    return { result, errno: result < 0 ? koffi.errno() : 0 };
  };
  const async = (f: KoffiFunction, ...args: unknown[]): Promise<{ result: number; errno: number }> =>
    new Promise((resolve, reject) => {
      f.async(...args, (err: unknown, res: unknown) => {
        if (err) return reject(err);
        const result = Number(res);
        // koffi restores the worker thread's errno while this callback runs.
        resolve({ result, errno: result < 0 ? koffi.errno() : 0 });
      });
    });
  return {
    koffi,
    alloc(size) {
      const pointer = koffi.alloc('uint8_t', Math.max(1, size));
      const bytes = new Uint8Array(koffi.view(pointer, Math.max(1, size)), 0, size);
      bytes.fill(0);
      let freed = false;
      return {
        pointer,
        address: BigInt(koffi.address(pointer) as bigint | number),
        bytes,
        free() {
          if (freed) return;
          freed = true;
          koffi.free(pointer);
        },
      };
    },
    ioctl: (fd, request, arg) => async(fn.ioctl, fd, request, arg),
    socket: (d, t, p) => sync(fn.socket, d, t, p),
    sendto: (fd, buf, len, flags, addr, addrLen) => sync(fn.sendto, fd, buf, len, flags, addr, addrLen),
    recvfrom: (fd, buf, len, flags, addr, addrLen) => sync(fn.recvfrom, fd, buf, len, flags, addr, addrLen),
    poll: (fds, nfds, timeout) => async(fn.poll, fds, nfds, timeout),
    eventfd: (initval, flags) => sync(fn.eventfd, initval, flags),
    write: (fd, buf, len) => sync(fn.write, fd, buf, len),
    read: (fd, buf, len) => sync(fn.read, fd, buf, len),
    close: (fd) => void fn.close(fd),
    open: (path, flags) => sync(fn.open, path, flags),
    setsockopt: (fd, level, name, value, length) => sync(fn.setsockopt, fd, level, name, value, length),
    ifNameToIndex(name) {
      const result = Number(fn.if_nametoindex(name));
      return { result, errno: result === 0 ? koffi.errno() : 0 };
    },
  };
}

/** Loads koffi and libc once; a clear error where they cannot load. */
export function libc(): Libc {
  if (cached) return cached;
  if (process.platform !== 'linux') {
    throw new CxlmiUnavailableError(
      `the kernel mailbox and MCTP transports need Linux, this is ${process.platform}`,
      {
        hint: 'use the emulator (--emulate) or a transport of your own',
      },
    );
  }
  // The uapi structures are native-endian; the layouts that describe them are little-endian.
  if (endianness() !== 'LE') {
    throw new CxlmiUnavailableError(
      'the kernel mailbox and MCTP transports support little-endian hosts only',
    );
  }
  let koffi: Koffi;
  try {
    koffi = createRequire(import.meta.url)('koffi') as Koffi;
  } catch (err) {
    throw new CxlmiUnavailableError(`cannot load the FFI package 'koffi': ${(err as Error).message}`, {
      hint: "reinstall the dependencies with 'npm ci'",
      cause: err,
    });
  }
  cached = bind(koffi);
  return cached;
}
