/**
 * An MCTP network of emulated devices, reached through the transport's socket seam (MctpSocketOps)
 * where the kernel's AF_MCTP would be: a datagram to (net, EID) is handed to the device attached
 * there, and its reply comes back as the kernel would route it. A device can be attached, swapped
 * or detached while the requester runs (an EID with nothing attached answers nothing, as a device
 * that went away). The real kernel path is exercised by the MCTP lab (test/qemu/mctp).
 */
import type { EmulatedDevice } from '../../src/emulator/device.js';
import { CxlmiClosedError } from '../../src/errors.js';
import { abortReason } from '../../src/transport/mctp/abort-reason.js';
import type {
  MctpAddress,
  MctpDatagram,
  MctpSocket,
  MctpSocketOps,
} from '../../src/transport/mctp/mctp-socket.js';

class EmulatedMctpSocket implements MctpSocket {
  readonly #queue: MctpDatagram[] = [];
  #wake: (() => void) | undefined;
  closed = false;

  constructor(private readonly network: EmulatedMctpNetwork) {}

  sendTo(data: Uint8Array, to: MctpAddress): void {
    if (this.closed) throw new CxlmiClosedError('emulated MCTP socket');
    const device = this.network.device(to.net, to.eid);
    const reply = device?.dispatch(data.slice());
    if (!reply) return;
    this.#queue.push({ data: reply.slice(), from: { net: to.net, eid: to.eid, type: to.type, tag: 0 } });
    this.#wake?.();
  }

  waitReadable(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.#queue.length > 0 || this.closed) return Promise.resolve(this.#queue.length > 0);
    return new Promise<boolean>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#wake = undefined;
        fn();
      };
      const onAbort = () => done(() => reject(abortReason(signal as AbortSignal)));
      const timer = timeoutMs >= 0 ? setTimeout(() => done(() => resolve(false)), timeoutMs) : undefined;
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#wake = () => done(() => resolve(this.#queue.length > 0));
    });
  }

  receive(): MctpDatagram | undefined {
    return this.#queue.shift();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.#wake?.();
  }
}

export class EmulatedMctpNetwork implements MctpSocketOps {
  readonly #devices = new Map<string, EmulatedDevice>();
  readonly sockets: EmulatedMctpSocket[] = [];

  attach(net: number, eid: number, device: EmulatedDevice): void {
    this.#devices.set(`${net},${eid}`, device);
  }

  detach(net: number, eid: number): void {
    this.#devices.delete(`${net},${eid}`);
  }

  device(net: number, eid: number): EmulatedDevice | undefined {
    return this.#devices.get(`${net},${eid}`);
  }

  open(): EmulatedMctpSocket {
    const s = new EmulatedMctpSocket(this);
    this.sockets.push(s);
    return s;
  }
}
