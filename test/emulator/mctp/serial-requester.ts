/** The Linux side of a serial link in tests: frames requests to the peer and collects replies. */
import { connect, type Socket } from 'node:net';
import { type MctpMessage, packetise, Reassembler } from '../../../src/emulator/mctp/packet.js';
import { encodeSerialFrame, SerialFrameDecoder } from '../../../src/emulator/mctp/serial-framing.js';

export class SerialRequester {
  readonly replies: MctpMessage[] = [];
  readonly decoder: SerialFrameDecoder;
  readonly reassembler = new Reassembler();
  readonly #waiters: (() => void)[] = [];
  constructor(readonly socket: Socket) {
    this.decoder = new SerialFrameDecoder((p) => {
      const m = this.reassembler.push(p);
      if (m) {
        this.replies.push(m);
        for (const w of this.#waiters.splice(0)) w();
      }
    });
    socket.on('data', (b: Buffer) => this.decoder.push(b));
  }

  static async open(path: string): Promise<SerialRequester> {
    const s = connect(path);
    await new Promise<void>((resolve, reject) => s.once('connect', resolve).once('error', reject));
    return new SerialRequester(s);
  }

  send(m: Omit<MctpMessage, 'to'> & { to?: boolean }): void {
    for (const p of packetise({ to: true, ...m })) this.socket.write(encodeSerialFrame(p));
  }

  /** Waits for the reply count to reach `n`, or `ms` (then returns what arrived). */
  async waitFor(n: number, ms = 2000): Promise<MctpMessage[]> {
    const end = Date.now() + ms;
    while (this.replies.length < n && Date.now() < end) {
      await Promise.race([
        new Promise<void>((r) => this.#waiters.push(r)),
        new Promise((r) => setTimeout(r, Math.max(1, end - Date.now()))),
      ]);
    }
    return this.replies;
  }

  close(): void {
    this.socket.destroy();
  }
}
