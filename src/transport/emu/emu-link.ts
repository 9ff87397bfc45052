/**
 * A client of the emulator service (`cxlmi emulate --listen PATH`): each device the service offers
 * becomes a Transport whose messages travel in frames (see framing.ts) over one shared unix socket.
 */
import { connect, type Socket } from 'node:net';
import { CxlmiClosedError, CxlmiTransportError, CxlmiUsageError } from '../../errors.js';
import { type LinkExchange, type MessageLink, MessageTransport } from '../message-link.js';
import type { Transport } from '../transport.js';
import {
  checkHello,
  type EmuDeviceInfo,
  type EmuHello,
  FRAME_ERROR,
  FRAME_HELLO,
  FRAME_REQUEST,
  FRAME_RESET,
  FRAME_RESET_DONE,
  FRAME_RESPONSE,
  FrameError,
  FrameReader,
  messageFrame,
} from './framing.js';

export interface EmuOpenOptions {
  /** How long to wait for the service's greeting, in ms (default 5000). */
  connectTimeoutMs?: number;
}

interface Waiter {
  x: LinkExchange;
  resolve(m: Uint8Array): void;
  reject(e: unknown): void;
}

function transportError(path: string, e: NodeJS.ErrnoException): CxlmiTransportError {
  const hint =
    e.code === 'ENOENT'
      ? `no emulator service there; start one with: cxlmi emulate --listen ${path}`
      : e.code === 'ECONNREFUSED'
        ? `the socket exists but nothing listens on it (a stopped service); start one with: cxlmi emulate --listen ${path}`
        : e.code === 'EACCES'
          ? 'no permission to connect to that socket'
          : undefined;
  return new CxlmiTransportError(`cannot connect to emulator service emu:${path}`, {
    errnoName: e.code,
    syscall: e.syscall,
    hint,
    transport: `emu:${path}`,
    cause: e,
  });
}

/** One connection to a service, shared by the links to its devices. */
export class EmuConnection {
  readonly path: string;
  readonly hello: EmuHello;
  readonly #socket: Socket;
  readonly #waiting = new Map<number, Waiter>();
  readonly #resets = new Map<number, { resolve(): void; reject(e: unknown): void }>();
  #users = 0;
  #failure: Error | undefined;

  private constructor(path: string, socket: Socket, hello: EmuHello, reader: FrameReader) {
    this.path = path;
    this.#socket = socket;
    this.hello = hello;
    socket.on('data', (d: Buffer) => {
      let frames: ReturnType<FrameReader['push']>;
      try {
        frames = reader.push(d);
      } catch (e) {
        this.#fail(
          new CxlmiTransportError(`emulator service emu:${path} sent a bad frame: ${(e as Error).message}`),
        );
        return;
      }
      for (const f of frames) {
        if (f.type === FRAME_RESPONSE) {
          const w = this.#waiting.get(f.index);
          // A late answer to a request the caller gave up on: dropped, as a datagram link would.
          if (!w || !w.x.matches(f.message)) continue;
          this.#waiting.delete(f.index);
          w.resolve(f.message);
        } else if (f.type === FRAME_RESET_DONE) {
          const r = this.#resets.get(f.index);
          this.#resets.delete(f.index);
          r?.resolve();
        } else if (f.type === FRAME_ERROR) {
          const w = this.#waiting.get(f.index);
          this.#waiting.delete(f.index);
          w?.reject(new CxlmiTransportError(`emulator service emu:${path}: ${f.text}`));
        }
      }
    });
    socket.on('error', (e) => this.#fail(transportError(path, e)));
    socket.on('close', () =>
      this.#fail(
        new CxlmiTransportError(`emulator service emu:${path} closed the connection`, {
          hint: 'the service stopped; start it again with cxlmi emulate --listen',
        }),
      ),
    );
  }

  /** Connects and reads the greeting (the list of devices). */
  static open(path: string, opts: EmuOpenOptions = {}): Promise<EmuConnection> {
    const timeoutMs = opts.connectTimeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const socket = connect({ path });
      const reader = new FrameReader();
      const fail = (e: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(e);
      };
      const timer = setTimeout(
        () =>
          fail(
            new CxlmiTransportError(`emulator service emu:${path} sent no greeting within ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
      const onError = (e: NodeJS.ErrnoException) => fail(transportError(path, e));
      const onClose = () =>
        fail(new CxlmiTransportError(`emulator service emu:${path} closed the connection`));
      const onData = (d: Buffer) => {
        let frames: ReturnType<FrameReader['push']>;
        try {
          frames = reader.push(d);
        } catch (e) {
          fail(
            new CxlmiTransportError(
              `emu:${path} is not a cxlmi emulator service (${e instanceof FrameError ? e.message : String(e)})`,
            ),
          );
          return;
        }
        if (frames.length === 0) return;
        const first = frames[0];
        const hello =
          first.type === FRAME_HELLO ? checkHello(first.hello) : 'its first frame is not a greeting';
        if (typeof hello === 'string') {
          fail(new CxlmiTransportError(`emu:${path}: ${hello}`));
          return;
        }
        clearTimeout(timer);
        socket.off('error', onError);
        socket.off('close', onClose);
        socket.off('data', onData);
        resolve(new EmuConnection(path, socket, hello, reader));
      };
      socket.on('error', onError);
      socket.on('close', onClose);
      socket.on('data', onData);
    });
  }

  #fail(e: Error): void {
    if (this.#failure) return;
    this.#failure = e;
    for (const w of this.#waiting.values()) w.reject(e);
    this.#waiting.clear();
    for (const r of this.#resets.values()) r.reject(e);
    this.#resets.clear();
    this.#socket.destroy();
  }

  /** A device by name (undefined when the service has none of that name). */
  device(name: string): EmuDeviceInfo | undefined {
    return this.hello.devices.find((d) => d.name === name);
  }

  exchange(index: number, message: Uint8Array, x: LinkExchange): Promise<Uint8Array> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (this.#waiting.get(index) === w) this.#waiting.delete(index);
        reject(x.signal.reason);
      };
      const w: Waiter = {
        x,
        resolve: (m) => {
          x.signal.removeEventListener('abort', onAbort);
          resolve(m);
        },
        reject: (e) => {
          x.signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      if (x.signal.aborted) return reject(x.signal.reason);
      x.signal.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(index, w);
      this.#socket.write(messageFrame(FRAME_REQUEST, index, message));
    });
  }

  /** Asks the service for a conventional reset of a device; resolves once it is done. */
  reset(index: number): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#resets.set(index, { resolve, reject });
      this.#socket.write(messageFrame(FRAME_RESET, index, new Uint8Array(0)));
    });
  }

  /** A Transport to one of the service's devices; the connection closes with its last user. */
  transport(d: EmuDeviceInfo): Transport {
    this.#users++;
    return new MessageTransport(new EmuLink(this, d));
  }

  release(): void {
    if (--this.#users > 0) return;
    this.#failure ??= new CxlmiClosedError(`emu:${this.path}`);
    this.#socket.end();
    this.#socket.destroy();
  }
}

class EmuLink implements MessageLink {
  readonly kind = 'emu';
  readonly description: string;
  readonly maxPayload: number;
  readonly fmapi: boolean;
  #closed = false;

  constructor(
    readonly connection: EmuConnection,
    readonly device: EmuDeviceInfo,
  ) {
    this.description = `emu:${connection.path}#${device.name}`;
    this.maxPayload = device.max_payload;
    this.fmapi = device.fmapi;
  }

  exchange(message: Uint8Array, x: LinkExchange): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new CxlmiClosedError(this.description));
    return this.connection.exchange(this.device.index, message, x);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.connection.release();
  }
}

/**
 * Transports to the devices of the emulator service listening at `path`: every device, or the
 * one called `name` (`emu:PATH#NAME`).
 */
export async function openEmuService(
  path: string,
  name?: string,
  opts: EmuOpenOptions = {},
): Promise<Transport[]> {
  const conn = await EmuConnection.open(path, opts);
  const devices = name === undefined ? conn.hello.devices : [conn.device(name)];
  if (devices[0] === undefined || devices.length === 0) {
    const names = conn.hello.devices.map((d) => d.name).join(', ') || 'none';
    conn.release();
    if (name === undefined) throw new CxlmiTransportError(`emulator service emu:${path} offers no devices`);
    throw new CxlmiUsageError(`emulator service emu:${path} has no device named ${name} (it has: ${names})`);
  }
  return devices.map((d) => conn.transport(d as EmuDeviceInfo));
}

/**
 * Resets devices of the emulator service at `path` (every one, or `name`): what a power cycle
 * does to a lab device (a locked passphrase, a firmware slot activated on reset, …).
 * Resolves with the names reset.
 */
export async function resetEmuDevices(
  path: string,
  name?: string,
  opts: EmuOpenOptions = {},
): Promise<string[]> {
  const conn = await EmuConnection.open(path, opts);
  try {
    const devices = name === undefined ? conn.hello.devices : [conn.device(name)];
    if (devices[0] === undefined) {
      const names = conn.hello.devices.map((d) => d.name).join(', ') || 'none';
      throw new CxlmiUsageError(
        `emulator service emu:${path} has no device named ${name} (it has: ${names})`,
      );
    }
    for (const d of devices as EmuDeviceInfo[]) await conn.reset(d.index);
    return (devices as EmuDeviceInfo[]).map((d) => d.name);
  } finally {
    conn.release();
  }
}
