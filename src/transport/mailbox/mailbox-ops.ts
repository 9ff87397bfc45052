import { closeSync, constants, openSync } from 'node:fs';
import { CxlmiTransportError } from '../../errors.js';
import { ERRNO } from '../native/errno.js';
import { libc, type NativeBuffer } from '../native/libc.js';

/** Memory the kernel reads and writes during an ioctl: it never moves. */
export type MailboxBuffer = Pick<NativeBuffer, 'pointer' | 'address' | 'bytes' | 'free'>;

/**
 * The system calls the kernel mailbox transport makes. The native set talks
 * to /dev/cxl/memN; tests swap in a fake kernel.
 */
export interface MailboxOps {
  /** Opens the device read-write; throws an Error with `errno` (a number) on failure. */
  open(path: string): number;
  close(fd: number): void;
  alloc(size: number): MailboxBuffer;
  /** ioctl(fd, request, arg): result and errno (meaningful when result < 0). */
  ioctl(fd: number, request: number, arg: MailboxBuffer): Promise<{ result: number; errno: number }>;
}

/** An open() failure as MailboxOps reports it. */
export class OpenFailure extends Error {
  constructor(
    readonly errno: number,
    message: string,
  ) {
    super(message);
  }
}

export const nativeMailboxOps: MailboxOps = {
  open(path) {
    try {
      return openSync(path, constants.O_RDWR);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      throw new OpenFailure((ERRNO as Record<string, number>)[code] ?? ERRNO.EIO, (err as Error).message);
    }
  },
  close(fd) {
    try {
      closeSync(fd);
    } catch (err) {
      throw new CxlmiTransportError('closing the mailbox device failed', {
        transport: 'mailbox',
        cause: err,
      });
    }
  },
  alloc: (size) => libc().alloc(size),
  ioctl: (fd, request, arg) => libc().ioctl(fd, request, arg.pointer),
};
