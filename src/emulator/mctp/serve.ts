/**
 * `serveMctpSerial()`: emulated devices reachable as MCTP-over-serial endpoints on a unix socket.
 * Point a QEMU guest's virtio console at the socket (`-chardev socket,path=PATH`) and attach
 * Linux's mctp-serial line discipline to it, or bridge it to a real serial port with socat.
 * Each connection is its own serial link to the same endpoints.
 */
import { lstat, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { type MctpSerialLink, MctpSerialPeer, type MctpSerialPeerOptions } from './serial-peer.js';

export interface ServeMctpSerialOptions extends MctpSerialPeerOptions {
  /** Unix socket path to listen on. A stale socket there is replaced; any other file is an error. */
  path: string;
}

export interface MctpSerialServer {
  readonly path: string;
  /** The endpoints, their fault rules and counters (shared by every connection). */
  readonly peer: MctpSerialPeer;
  /** Links open now (one per connection). */
  readonly links: ReadonlySet<MctpSerialLink>;
  /** Stops listening, ends every connection and removes the socket file. */
  close(): Promise<void>;
}

async function clearStaleSocket(path: string): Promise<void> {
  const st = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!st) return;
  if (!st.isSocket()) throw new Error(`${path} exists and is not a socket: not replacing it`);
  await unlink(path);
}

export async function serveMctpSerial(opts: ServeMctpSerialOptions): Promise<MctpSerialServer> {
  const peer = new MctpSerialPeer(opts);
  await clearStaleSocket(opts.path);
  const links = new Set<MctpSerialLink>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const link = peer.link({ write: (b) => !socket.destroyed && socket.write(b) });
    links.add(link);
    socket.on('data', (b: Buffer) => link.receive(b));
    socket.on('error', () => {}); // the other side went away; 'close' follows
    socket.on('close', () => {
      link.close();
      links.delete(link);
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    path: opts.path,
    peer,
    links,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await unlink(opts.path).catch(() => {});
    },
  };
}
