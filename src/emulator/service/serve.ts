/**
 * The emulator as a service: emulated devices served on a unix socket, each request framed with
 * the device it is for (src/transport/emu/framing.ts, docs/emulator-service.md). Clients come and
 * go; the devices and their state stay for the life of the service.
 *
 * As on real hardware, a CCI runs one command at a time: requests to one device queue in arrival
 * order (whoever sent them), and the next starts only when the previous reply has been sent.
 * Different devices run concurrently.
 */
import { lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { CxlmiTransportError } from '../../errors.js';
import { CCI_MAX_PAYLOAD_LENGTH } from '../../protocol/constants.js';
import {
  EMU_PROTOCOL,
  EMU_PROTOCOL_VERSION,
  type EmuDeviceInfo,
  errorFrame,
  FRAME_REQUEST,
  FRAME_RESET,
  FRAME_RESET_DONE,
  FRAME_RESPONSE,
  FrameReader,
  helloFrame,
  messageFrame,
} from '../../transport/emu/framing.js';
import type { EmulatedEndpointSpec } from '../topology.js';

/** A command's time on a device: from when it starts running to when its reply has been sent. */
export interface ServedCommand {
  device: string;
  phase: 'start' | 'end';
  /** Which client connection sent it (1, 2, … in order of connection). */
  client: number;
  opcode: number;
}

export interface ServeEmulatorOptions {
  /** The devices to serve, by name (`emu:PATH#NAME`). */
  devices: EmulatedEndpointSpec[];
  /** Unix socket path. A stale socket left by a service that died is replaced. */
  path: string;
  /** Time each command stays in flight before its reply is sent, in ms (default 0). */
  latencyMs?: number;
  /** Called just before a device runs a request message (a journal for saving state). */
  onDispatch?: (device: string, message: Uint8Array) => void;
  /** Called just before a device is reset at a client's request (RESET frame). */
  onReset?: (device: string) => void;
  /** Observes each command starting and ending (tests, logging). */
  onCommand?: (c: ServedCommand) => void;
}

export interface EmulatorService {
  readonly path: string;
  readonly devices: readonly EmuDeviceInfo[];
  /** Clients connected now. */
  readonly clients: number;
  /** Stops listening, drops the clients, waits for the commands in flight, removes the socket. */
  close(): Promise<void>;
}

class DeviceQueue {
  #tail: Promise<void> = Promise.resolve();
  run(task: () => Promise<void>): void {
    // A task never rejects (see serveRequest), so the chain never holds a rejection.
    this.#tail = this.#tail.then(task);
  }
  drained(): Promise<void> {
    return this.#tail;
  }
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(path);
  });
}

/** True when something answers on the socket at `path`. */
function alive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ path });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function isSocket(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

async function listenAt(server: Server, path: string): Promise<void> {
  try {
    await listen(server, path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE' && isSocket(path) && !(await alive(path))) {
      unlinkSync(path); // left behind by a service that did not stop cleanly
      await listen(server, path);
      return;
    }
    throw new CxlmiTransportError(`cannot listen on ${path}`, {
      errnoName: err.code,
      syscall: err.syscall,
      hint:
        err.code === 'EADDRINUSE'
          ? isSocket(path)
            ? 'another emulator service is listening there; stop it or choose another path'
            : 'a file that is not a socket is in the way; choose another path'
          : err.code === 'ENOENT' || err.code === 'EACCES'
            ? 'check that the directory exists and is writable'
            : undefined,
      cause: err,
    });
  }
}

/** Serves `devices` on the unix socket `path`; resolves once it listens. */
export async function serveEmulator(o: ServeEmulatorOptions): Promise<EmulatorService> {
  const names = new Set<string>();
  for (const d of o.devices) {
    if (names.has(d.name)) throw new Error(`serveEmulator: two devices are named ${d.name}`);
    names.add(d.name);
  }
  const infos: EmuDeviceInfo[] = o.devices.map((d, index) => ({
    index,
    name: d.name,
    fmapi: d.link?.fmapi ?? false,
    max_payload: d.link?.maxPayload ?? CCI_MAX_PAYLOAD_LENGTH,
  }));
  const hello = helloFrame({ protocol: EMU_PROTOCOL, version: EMU_PROTOCOL_VERSION, devices: infos });
  const queues = o.devices.map(() => new DeviceQueue());
  const latencyMs = o.latencyMs ?? 0;
  const sockets = new Set<Socket>();
  let nextClient = 1;
  let closing = false;

  const serveRequest = (socket: Socket, client: number, index: number, message: Uint8Array) => {
    const spec = o.devices[index];
    const opcode = message.length >= 5 ? message[3] | (message[4] << 8) : 0;
    queues[index].run(async () => {
      // A client that left before its turn came sent nothing the device has started on.
      if (closing || socket.destroyed) return;
      o.onCommand?.({ device: spec.name, phase: 'start', client, opcode });
      o.onDispatch?.(spec.name, message);
      let reply: Uint8Array | null;
      try {
        reply = spec.device.dispatch(message);
      } catch {
        reply = null; // a model bug: the device stays silent and the client times out
      }
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      // The reply of a client that left mid-command is dropped; the device has finished it.
      if (reply && !socket.destroyed) socket.write(messageFrame(FRAME_RESPONSE, index, reply));
      o.onCommand?.({ device: spec.name, phase: 'end', client, opcode });
    });
  };

  const serveReset = (socket: Socket, index: number) => {
    const spec = o.devices[index];
    queues[index].run(async () => {
      if (closing || socket.destroyed) return;
      o.onReset?.(spec.name);
      spec.device.reset();
      socket.write(messageFrame(FRAME_RESET_DONE, index, new Uint8Array(0)));
    });
  };

  const server = createServer((socket) => {
    const client = nextClient++;
    sockets.add(socket);
    const reader = new FrameReader();
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (data: Buffer) => {
      let frames: ReturnType<FrameReader['push']>;
      try {
        frames = reader.push(data);
      } catch {
        socket.destroy(); // not our protocol: nothing sensible to answer
        return;
      }
      for (const f of frames) {
        if (f.type !== FRAME_REQUEST && f.type !== FRAME_RESET) {
          socket.destroy();
          return;
        }
        if (f.index >= o.devices.length) {
          socket.write(errorFrame(f.index, `no device with index ${f.index}`));
          continue;
        }
        if (f.type === FRAME_RESET) serveReset(socket, f.index);
        else if (f.type === FRAME_REQUEST) serveRequest(socket, client, f.index, f.message);
      }
    });
    socket.write(hello);
  });
  await listenAt(server, o.path);

  return {
    path: o.path,
    devices: infos,
    get clients() {
      return sockets.size;
    },
    async close() {
      if (closing) return;
      closing = true;
      const stopped = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await Promise.all(queues.map((q) => q.drained()));
      await stopped;
      if (isSocket(o.path)) {
        try {
          unlinkSync(o.path);
        } catch {}
      }
    },
  };
}
