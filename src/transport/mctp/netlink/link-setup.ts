/**
 * Setting up an MCTP link from Node, without CodeConstruct's `mctp` tool: bring the interface
 * up, give it a local EID, add routes to remote EIDs, over an rtnetlink socket through koffi.
 * Needs CAP_NET_ADMIN. Each call waits for the kernel's ack and throws a typed error with the
 * errno, the kernel's own explanation when it gives one, and what to check.
 */
import { CxlmiTransportError, CxlmiUnavailableError, CxlmiUsageError } from '../../../errors.js';
import { ERRNO, errnoName } from '../../native/errno.js';
import { type Libc, libc, type NativeBuffer } from '../../native/libc.js';
import { MSG_DONTWAIT, SOCK_CLOEXEC } from '../mctp-constants.js';
import { type NetlinkAck, parseAcks } from './ack.js';
import {
  AF_NETLINK,
  NETLINK_EXT_ACK,
  NETLINK_ROUTE,
  SOCK_RAW,
  SOCKADDR_NL_SIZE,
  SOL_NETLINK,
  sockaddrNl,
} from './rtnetlink-layouts.js';
import { addAddressRequest, addRouteRequest, linkUpRequest, type RouteOptions } from './rtnetlink-mctp.js';

function hint(errno: number): string {
  switch (errno) {
    case ERRNO.EPERM:
    case ERRNO.EACCES:
      return 'configuring network interfaces needs CAP_NET_ADMIN: run as root';
    case ERRNO.ENODEV:
      return 'no such interface, or it is not an MCTP interface';
    case ERRNO.EEXIST:
      return 'already configured: the address or route exists';
    case ERRNO.EAFNOSUPPORT:
    case ERRNO.EOPNOTSUPP:
      return 'this kernel has no MCTP support (CONFIG_MCTP)';
    case ERRNO.EINVAL:
      return 'the kernel refused the values: EIDs must be 1..254';
    default:
      return 'see the errno';
  }
}

const POLL_STEP_MS = 5;
const ACK_TIMEOUT_MS = 5000;

export type { RouteOptions } from './rtnetlink-mctp.js';

/** An rtnetlink socket for MCTP link setup. Close it when done. */
export class MctpNetlink {
  readonly #c: Libc;
  readonly #fd: number;
  readonly #buf: NativeBuffer;
  readonly #addr: NativeBuffer;
  #seq = 1;
  #closed = false;

  private constructor(c: Libc, fd: number) {
    this.#c = c;
    this.#fd = fd;
    this.#buf = c.alloc(8192);
    this.#addr = c.alloc(SOCKADDR_NL_SIZE);
    this.#addr.bytes.set(sockaddrNl.encode({ nl_family: AF_NETLINK, nl_pid: 0, nl_groups: 0 }));
  }

  static open(): MctpNetlink {
    const c = libc();
    const s = c.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (s.result < 0) throw failure('socket', s.errno, 'open an rtnetlink socket');
    // Ask for the kernel's error text in acks (best effort: older kernels ignore it).
    const one = c.alloc(4);
    one.bytes[0] = 1;
    c.setsockopt(s.result, SOL_NETLINK, NETLINK_EXT_ACK, one.pointer, 4);
    one.free();
    return new MctpNetlink(c, s.result);
  }

  /** The interface index of `name` (e.g. `mctpserial0`). */
  static ifindex(name: string): number {
    const r = libc().ifNameToIndex(name);
    if (r.result === 0) {
      throw new CxlmiUsageError(`no network interface named ${name} (${errnoName(r.errno)})`);
    }
    return r.result;
  }

  /** Sets the interface up (IFF_UP). */
  async linkUp(ifindex: number): Promise<void> {
    return this.#request(linkUpRequest(ifindex, this.#seq), `set interface ${ifindex} up`);
  }

  /** Gives the interface a local EID. */
  async addAddress(ifindex: number, eid: number): Promise<void> {
    checkEid(eid);
    return this.#request(
      addAddressRequest(ifindex, eid, this.#seq),
      `add local EID ${eid} on interface ${ifindex}`,
    );
  }

  /** Routes `eid` (through `eid + extent`) directly over the interface. */
  async addRoute(ifindex: number, eid: number, options: RouteOptions = {}): Promise<void> {
    checkEid(eid);
    const extent = options.extent ?? 0;
    if (!Number.isInteger(extent) || extent < 0 || eid + extent > 0xfe)
      throw new CxlmiUsageError(`route extent must keep EIDs within 1..254, got ${eid}+${extent}`);
    return this.#request(
      addRouteRequest(ifindex, eid, this.#seq, options),
      `add a route to EID ${eid}${extent ? `-${eid + extent}` : ''} over interface ${ifindex}`,
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#c.close(this.#fd);
    this.#buf.free();
    this.#addr.free();
  }

  async #request(message: Uint8Array, what: string): Promise<void> {
    if (this.#closed) throw new CxlmiUsageError('the netlink socket is closed');
    const seq = this.#seq++;
    const c = this.#c;
    this.#buf.bytes.set(message);
    const sent = c.sendto(
      this.#fd,
      this.#buf.pointer,
      message.length,
      0,
      this.#addr.pointer,
      SOCKADDR_NL_SIZE,
    );
    if (sent.result < 0) throw failure('sendto', sent.errno, what);
    // rtnetlink handles the request inside sendto(), so the ack is normally queued already.
    const deadline = Date.now() + ACK_TIMEOUT_MS;
    for (;;) {
      const r = c.recvfrom(this.#fd, this.#buf.pointer, this.#buf.bytes.length, MSG_DONTWAIT, null, null);
      if (r.result >= 0) {
        const ack = parseAcks(this.#buf.bytes.subarray(0, r.result)).find((a) => a.seq === seq);
        if (ack) return settle(ack, what);
        continue;
      }
      if (r.errno !== ERRNO.EAGAIN && r.errno !== ERRNO.EINTR) throw failure('recvfrom', r.errno, what);
      if (Date.now() > deadline) {
        throw new CxlmiTransportError(`no netlink ack within ${ACK_TIMEOUT_MS} ms to: ${what}`, {
          syscall: 'recvfrom',
          transport: 'netlink',
        });
      }
      await new Promise((res) => setTimeout(res, POLL_STEP_MS));
    }
  }
}

function checkEid(eid: number): void {
  if (!Number.isInteger(eid) || eid < 1 || eid > 0xfe)
    throw new CxlmiUsageError(`EID must be 1..254, got ${eid}`);
}

function settle(ack: NetlinkAck, what: string): void {
  if (ack.errno === 0) return;
  throw failure('netlink', ack.errno, what, ack.message);
}

function failure(syscall: string, errno: number, what: string, kernelSays?: string): CxlmiTransportError {
  const details = {
    errno,
    errnoName: errnoName(errno),
    syscall,
    hint: hint(errno),
    transport: 'netlink',
  };
  const text = `cannot ${what}${kernelSays ? `: ${kernelSays}` : ''}`;
  if (errno === ERRNO.EAFNOSUPPORT || errno === ERRNO.EOPNOTSUPP)
    return new CxlmiUnavailableError(text, details);
  return new CxlmiTransportError(text, details);
}

/** Up, local EID, one route per remote EID: what a point-to-point MCTP link needs. */
export async function setupMctpLink(o: {
  /** Interface name (`mctpserial0`) or index. */
  link: string | number;
  localEid: number;
  remoteEids: readonly number[];
  /** Skip EEXIST on the address and routes (a second run). */
  existingOk?: boolean;
}): Promise<{ ifindex: number }> {
  const ifindex = typeof o.link === 'number' ? o.link : MctpNetlink.ifindex(o.link);
  const nl = MctpNetlink.open();
  const tolerate = async (p: Promise<void>): Promise<void> => {
    try {
      await p;
    } catch (e) {
      if (!(o.existingOk && e instanceof CxlmiTransportError && e.errno === ERRNO.EEXIST)) throw e;
    }
  };
  try {
    await nl.linkUp(ifindex);
    await tolerate(nl.addAddress(ifindex, o.localEid));
    for (const eid of o.remoteEids) await tolerate(nl.addRoute(ifindex, eid));
  } finally {
    nl.close();
  }
  return { ifindex };
}
