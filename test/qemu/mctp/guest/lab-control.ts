/**
 * The guest's line to the host harness: under QEMU a virtio-serial port named `lab.ctl` (not a
 * tty, so no echo or line editing); under UML a serial line (ttyS1) put in raw mode. One JSON
 * request per line, one JSON answer per line.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, writeSync } from 'node:fs';
import type { ControlRequest } from './mctp-lab-config.js';
import { makeRaw } from './pty-relay.js';

export class LabControl {
  readonly #fd: number;
  #pending = '';

  /** `tty`: a serial line to use instead of the virtio port (put in raw mode). */
  constructor(tty?: string) {
    if (tty) {
      this.#fd = openSync(tty, 'r+');
      makeRaw(this.#fd);
      return;
    }
    const dir = '/sys/class/virtio-ports';
    const port = readdirSync(dir).find((p) => {
      try {
        return readFileSync(`${dir}/${p}/name`, 'utf8').trim() === 'lab.ctl';
      } catch {
        return false;
      }
    });
    if (!port) throw new Error('no virtio-serial port named lab.ctl');
    this.#fd = openSync(`/dev/${port}`, 'r+');
  }

  /** Sends a request and waits (blocking) for the host's answer. */
  ask(req: ControlRequest): unknown {
    writeSync(this.#fd, `${JSON.stringify(req)}\n`);
    const buf = Buffer.alloc(4096);
    while (!this.#pending.includes('\n')) {
      const n = readSync(this.#fd, buf, 0, buf.length, null);
      if (n <= 0) throw new Error('the host closed the control port');
      this.#pending += buf.toString('utf8', 0, n);
    }
    const nl = this.#pending.indexOf('\n');
    const line = this.#pending.slice(0, nl);
    this.#pending = this.#pending.slice(nl + 1);
    const answer = JSON.parse(line) as { ok: boolean; error?: string; value?: unknown };
    if (!answer.ok) throw new Error(`host refused ${req.op}: ${answer.error}`);
    return answer.value;
  }

  close(): void {
    closeSync(this.#fd);
  }
}
