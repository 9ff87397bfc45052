/**
 * Booting the MCTP lab's user-mode Linux guest: the `linux` executable from
 * `build-kernel.sh um` (cached outside the clone) runs as an ordinary host process, its guest
 * processes under ptrace. No QEMU and no initramfs: the root file system is the host's `/`,
 * read-only over hostfs, and `/init` is uml-init.sh from this folder.
 *
 * The serial lines are UML `fd:` channels on descriptors the harness gives the kernel: ttyS0 on
 * fd 3 carries the MCTP serial link, ttyS1 on fd 4 the fault-request line. Node makes each of
 * them a socket pair, and this process copies bytes between its end and a connection to the
 * emulator's (or the control server's) unix socket. Inside the guest, a relay
 * (guest/pty-relay.ts) moves the MCTP bytes between ttyS0 and a pty whose slave carries N_MCTP.
 */
import { connect as connectUnix } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type BootResult, runGuest } from './mctp-guest.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The guest's device names (the harness tells the guest through MctpLabConfig). */
export const UML_MCTP_LINE = '/dev/ttyS0';
export const UML_CONTROL_LINE = '/dev/ttyS1';

export interface UmlBootOptions {
  /** The `linux` executable. */
  kernel: string;
  /** Mounted writable in the guest at /run/lab-io (run.sh, stdout, stderr, exit-code). */
  ioDir: string;
  /** The emulator's MCTP-serial unix socket. */
  mctpSocket: string;
  /** The harness's control socket. */
  controlSocket: string;
  /** Where UML keeps its per-instance folder (umid), instead of ~/.uml. */
  umlDir: string;
  timeoutMs: number;
}

export function umlArgs(o: UmlBootOptions): string[] {
  return [
    'mem=768M',
    `uml_dir=${o.umlDir}`,
    'umid=cxlmi-mctp-lab',
    'root=/dev/root',
    'rootfstype=hostfs',
    'rootflags=/',
    'ro',
    `init=${path.join(here, 'uml-init.sh')}`,
    // con0 on our stdio; the other consoles and serial lines nowhere, except the two we use
    'con=null',
    'con0=fd:0,fd:1',
    'ssl=null',
    'ssl0=fd:3',
    'ssl1=fd:4',
    'quiet',
    `lab.io=${o.ioDir}`,
  ];
}

/** Copies bytes both ways between the kernel's end of a socket pair and a unix socket. */
function splice(guestEnd: Duplex, socket: string): void {
  const host = connectUnix(socket);
  guestEnd.pipe(host);
  host.pipe(guestEnd);
  const stop = () => {
    host.destroy();
    guestEnd.destroy();
  };
  host.on('error', stop);
  guestEnd.on('error', stop);
  guestEnd.on('close', stop);
}

export function bootUml(o: UmlBootOptions): Promise<BootResult> {
  return runGuest([o.kernel, ...umlArgs(o)], {
    timeoutMs: o.timeoutMs,
    stdin: 'pipe',
    extraFds: 2,
    connect(child) {
      splice(child.stdio[3] as Duplex, o.mctpSocket);
      splice(child.stdio[4] as Duplex, o.controlSocket);
    },
  });
}
