/**
 * Attaching Linux's MCTP serial line discipline (N_MCTP, drivers/net/mctp/mctp-serial.c) to a
 * tty from Node, as `ldattach 28 TTY` does: the kernel then creates an `mctpserialN` network
 * interface that lives as long as the tty stays open with that discipline.
 */
import { readdir } from 'node:fs/promises';
import { CxlmiTransportError } from '../../../errors.js';
import { errnoName } from '../../native/errno.js';
import { libc } from '../../native/libc.js';

/** include/uapi/linux/tty.h */
export const N_MCTP = 28;
/** include/uapi/asm-generic/ioctls.h */
export const TIOCSETD = 0x5423;
const O_RDWR = 0o2;
const O_NOCTTY = 0o400;
const O_CLOEXEC = 0o2000000;

export interface MctpSerialAttachment {
  /** The interface the kernel created (`mctpserial0`, …). */
  readonly ifname: string;
  /** Closes the tty: the kernel removes the interface. */
  close(): void;
}

const netdevs = async (): Promise<Set<string>> => new Set(await readdir('/sys/class/net').catch(() => []));

export async function attachMctpSerial(tty: string): Promise<MctpSerialAttachment> {
  const c = libc();
  const before = await netdevs();
  const fd = c.open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
  const fail = (syscall: string, errno: number, hint: string): CxlmiTransportError =>
    new CxlmiTransportError(`cannot attach the MCTP serial line discipline to ${tty}`, {
      errno,
      errnoName: errnoName(errno),
      syscall,
      hint,
      transport: 'mctp-serial',
    });
  if (fd.result < 0) throw fail('open', fd.errno, 'check the tty exists and that you may open it');
  const ldisc = c.alloc(4);
  ldisc.bytes[0] = N_MCTP;
  try {
    const r = await c.ioctl(fd.result, TIOCSETD, ldisc.pointer);
    if (r.result < 0) {
      c.close(fd.result);
      throw fail(
        'ioctl',
        r.errno,
        'the kernel needs CONFIG_MCTP_SERIAL, and setting a line discipline needs CAP_NET_ADMIN',
      );
    }
  } finally {
    ldisc.free();
  }
  const created = [...(await netdevs())].filter((n) => !before.has(n) && n.startsWith('mctpserial'));
  if (created.length !== 1) {
    c.close(fd.result);
    throw new CxlmiTransportError(
      `attached N_MCTP to ${tty} but found ${created.length ? created.join(', ') : 'no'} new mctpserial interface`,
      { transport: 'mctp-serial' },
    );
  }
  let open = true;
  return {
    ifname: created[0],
    close() {
      if (!open) return;
      open = false;
      c.close(fd.result);
    },
  };
}
