/** A D-Bus client connection with a bounded wait on every step (the D-Bus package loads lazily). */
import type { EventEmitter } from 'node:events';
import {
  CxlmiAbortError,
  CxlmiError,
  CxlmiTransportError,
  CxlmiUnavailableError,
  CxlmiUsageError,
} from '../errors.js';

type DbusModule = typeof import('@jellybrick/dbus-next');
type MessageBus = import('@jellybrick/dbus-next').MessageBus;

/** One method call's reply: its signature and body as the client library decodes them. */
export interface DbusReply {
  readonly signature: string;
  readonly body: readonly unknown[];
}

/** An error reply from the peer (`org.freedesktop.DBus.Error.*`). */
export class DbusRemoteError extends Error {
  override readonly name = 'DbusRemoteError';
  readonly dbusName: string;
  constructor(dbusName: string, message: string) {
    super(message);
    this.dbusName = dbusName;
  }
}

let dbusModule: Promise<DbusModule> | undefined;
async function loadDbus(): Promise<DbusModule> {
  dbusModule ??= import('@jellybrick/dbus-next');
  try {
    return await dbusModule;
  } catch (err) {
    dbusModule = undefined;
    throw new CxlmiUnavailableError(`cannot load the D-Bus package: ${(err as Error).message}`, {
      transport: 'dbus',
      hint: "reinstall the dependencies with 'npm ci'",
      cause: err,
    });
  }
}

export class DbusConnection {
  readonly address: string;
  readonly #dbus: DbusModule;
  readonly #bus: MessageBus;
  readonly #failure: Promise<never>;
  #closed = false;

  private constructor(dbus: DbusModule, bus: MessageBus, address: string, failure: Promise<never>) {
    this.#dbus = dbus;
    this.#bus = bus;
    this.address = address;
    this.#failure = failure;
  }

  /** Connects and completes the handshake, or fails with a clear error. */
  static async open(address: string, timeoutMs: number, signal?: AbortSignal): Promise<DbusConnection> {
    const dbus = await loadDbus();
    let bus: MessageBus;
    try {
      bus = dbus.sessionBus({ busAddress: address });
    } catch (err) {
      throw new CxlmiUsageError(`cannot use D-Bus address '${address}': ${(err as Error).message}`);
    }
    // A connection error, early or late, rejects whatever is waiting.
    const failure = new Promise<never>((_, reject) => {
      (bus as unknown as EventEmitter).on('error', (err: Error) =>
        reject(
          new CxlmiUnavailableError(`cannot reach the D-Bus bus at ${address}: ${err.message}`, {
            transport: 'dbus',
            hint: 'is the system bus running? DBUS_SYSTEM_BUS_ADDRESS selects another bus',
            cause: err,
          }),
        ),
      );
    });
    failure.catch(() => {});
    const conn = new DbusConnection(dbus, bus, address, failure);
    const connected = new Promise<void>((resolve) => bus.once('connect', () => resolve()));
    try {
      await conn.#bounded(connected, timeoutMs, signal, `connecting to D-Bus at ${address}`);
    } catch (err) {
      conn.close();
      throw err;
    }
    return conn;
  }

  /** Calls one method; an error reply comes back as DbusRemoteError. */
  async call(
    target: { destination: string; path: string; iface: string; member: string },
    signature: string,
    body: unknown[],
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<DbusReply> {
    const msg = new this.#dbus.Message({
      destination: target.destination,
      path: target.path,
      interface: target.iface,
      member: target.member,
      signature,
      body,
    });
    let reply: Awaited<ReturnType<MessageBus['call']>>;
    try {
      reply = await this.#bounded(
        this.#bus.call(msg),
        timeoutMs,
        signal,
        `waiting for ${target.destination} ${target.iface}.${target.member}`,
      );
    } catch (err) {
      if (err instanceof this.#dbus.DBusError) throw new DbusRemoteError(err.type, err.text ?? err.message);
      throw err;
    }
    return { signature: reply?.signature ?? '', body: reply?.body ?? [] };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#bus.disconnect();
  }

  #bounded<T>(
    work: Promise<T>,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = (): void =>
        finish(() =>
          reject(
            signal?.reason instanceof CxlmiError
              ? signal.reason
              : new CxlmiAbortError(undefined, signal?.reason),
          ),
        );
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new CxlmiTransportError(`timed out after ${timeoutMs} ms ${what}`, {
                transport: 'dbus',
                hint: 'the bus or mctpd is not answering',
              }),
            ),
          ),
        timeoutMs,
      );
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      work.then(
        (v) => finish(() => resolve(v)),
        (e: unknown) => finish(() => reject(e)),
      );
      this.#failure.catch((e: unknown) => finish(() => reject(e)));
    });
  }
}
