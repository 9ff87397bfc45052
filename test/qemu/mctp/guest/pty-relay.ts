/**
 * The user-mode Linux guest's relay between its serial line (UML's `ttyS0`, whose other end is
 * the host's emulator) and a fresh pseudo-terminal whose slave carries the MCTP line discipline.
 *
 * Why: with N_MCTP attached directly to a UML serial line, the first chunk the mctp-serial driver
 * writes goes out and the rest never does (UML's line driver does not wake the discipline's
 * transmit work again). A pty slave wakes it as any tty does, and this relay copies bytes between
 * the pty master and the serial line, unchanged in both directions, with the serial line in raw
 * mode (cfmakeraw: no echo, no CR/LF translation, 8 bits, no signals).
 */
import { closeSync, constants, openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { libc } from '../../../../src/transport/native/libc.js';

interface PtyCalls {
  posix_openpt(flags: number): number;
  grantpt(fd: number): number;
  unlockpt(fd: number): number;
  ptsname(fd: number): string | null;
  tcgetattr(fd: number, termios: Uint8Array): number;
  tcsetattr(fd: number, when: number, termios: Uint8Array): number;
  cfmakeraw(termios: Uint8Array): void;
}

let calls: PtyCalls | undefined;
function ptyCalls(): PtyCalls {
  if (calls) return calls;
  const { koffi } = libc();
  const lib = koffi.load('libc.so.6');
  calls = {
    posix_openpt: lib.func('int posix_openpt(int flags)'),
    grantpt: lib.func('int grantpt(int fd)'),
    unlockpt: lib.func('int unlockpt(int fd)'),
    ptsname: lib.func('const char *ptsname(int fd)'),
    // struct termios is 60 bytes on glibc x86_64; the buffer is opaque to us and larger.
    tcgetattr: lib.func('int tcgetattr(int fd, _Out_ uint8_t *termios)'),
    tcsetattr: lib.func('int tcsetattr(int fd, int when, const uint8_t *termios)'),
    cfmakeraw: lib.func('void cfmakeraw(_Inout_ uint8_t *termios)'),
  } as PtyCalls;
  return calls;
}

const TCSANOW = 0;
const TERMIOS_BUFFER = 128;

/** Puts a tty in raw mode (cfmakeraw); throws with the call that failed. */
export function makeRaw(fd: number): void {
  const c = ptyCalls();
  const t = new Uint8Array(TERMIOS_BUFFER);
  if (c.tcgetattr(fd, t) !== 0) throw new Error(`tcgetattr(${fd}) failed (errno ${libc().koffi.errno()})`);
  c.cfmakeraw(t);
  if (c.tcsetattr(fd, TCSANOW, t) !== 0)
    throw new Error(`tcsetattr(${fd}) failed (errno ${libc().koffi.errno()})`);
}

export interface PtyRelay {
  /** The pty slave to attach the line discipline to (`/dev/pts/N`). */
  readonly slave: string;
  /** Bytes copied so far: serial line to pty, pty to serial line. */
  readonly counts: { fromLine: number; toLine: number };
  close(): void;
}

/**
 * Opens a pty pair and copies bytes between its master and the tty at `line` until close().
 * The relay keeps its own descriptor on the slave, so the master never sees EIO between the
 * caller's opens and closes of the slave.
 */
export function openPtyRelay(line: string): PtyRelay {
  const c = ptyCalls();
  const master = c.posix_openpt(constants.O_RDWR | constants.O_NOCTTY);
  if (master < 0) throw new Error(`posix_openpt failed (errno ${libc().koffi.errno()})`);
  const slave = c.grantpt(master) === 0 && c.unlockpt(master) === 0 ? c.ptsname(master) : null;
  if (!slave) {
    closeSync(master);
    throw new Error('grantpt/unlockpt/ptsname failed on the new pty');
  }
  const slaveFd = openSync(slave, constants.O_RDWR | constants.O_NOCTTY);
  let lineFd: number;
  try {
    lineFd = openSync(line, constants.O_RDWR | constants.O_NOCTTY);
    makeRaw(lineFd);
  } catch (e) {
    closeSync(slaveFd);
    closeSync(master);
    throw e;
  }
  const toPty = new ReadStream(master);
  const toLine = new ReadStream(lineFd);
  const counts = { fromLine: 0, toLine: 0 };
  // tty.ReadStream is a net.Socket on the tty: it writes as well as reads (non-blocking, epoll).
  toLine.on('data', (b: Buffer) => {
    counts.fromLine += b.length;
    toPty.write(b);
  });
  toPty.on('data', (b: Buffer) => {
    counts.toLine += b.length;
    toLine.write(b);
  });
  // A hangup at close is expected; anything before is reported by the checks that stall.
  toPty.on('error', () => {});
  toLine.on('error', () => {});
  let open = true;
  return {
    slave,
    counts,
    close() {
      if (!open) return;
      open = false;
      toLine.destroy();
      toPty.destroy();
      closeSync(slaveFd);
    },
  };
}
