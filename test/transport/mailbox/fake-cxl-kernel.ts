import { constants } from 'node:os';
import type { MailboxBuffer, MailboxOps } from '../../../src/transport/mailbox/mailbox-ops.js';
import { OpenFailure } from '../../../src/transport/mailbox/mailbox-ops.js';

const E = constants.errno;
const VAR = 0xffffffff;

/** One slot of the kernel's command table (drivers/cxl/core/mbox.c `cxl_mem_commands[]`). */
export interface FakeSlot {
  id: number;
  opcode: number;
  sizeIn: number;
  sizeOut: number;
  flags: number;
}

const slot = (id: number, opcode: number, sizeIn: number, sizeOut: number, flags = 0): FakeSlot => ({
  id,
  opcode,
  sizeIn,
  sizeOut,
  flags,
});

/**
 * A Debian 6.1-like table: RAW compiled out (slot 2 empty), no flags reported.
 * Sizes as in drivers/cxl/core/mbox.c of that era.
 */
export function kernel61Table(): FakeSlot[] {
  return [
    slot(0, 0, 0, 0),
    slot(1, 0x4000, 0, 0x43),
    slot(0, 0, 0, 0), // RAW: #ifdef CONFIG_CXL_MEM_RAW_COMMANDS
    slot(3, 0x0400, 0, VAR),
    slot(4, 0x0200, 0, 0x50),
    slot(5, 0x4100, 0, 0x20),
    slot(6, 0x4102, 0x8, VAR),
    slot(7, 0x4200, 0, 0x12),
    slot(8, 0x0401, 0x18, VAR),
    slot(9, 0x4101, 0x0a, 0),
    slot(10, 0x4103, VAR, 0),
    slot(11, 0x4201, 0, 0x10),
    slot(12, 0x4202, 0xc, 0),
    slot(13, 0x4203, 0, 0x1),
    slot(14, 0x4204, 0x1, 0),
    slot(15, 0x4300, 0x10, VAR),
    slot(16, 0x4301, 0x8, 0),
    slot(17, 0x4302, 0x48, 0),
    slot(18, 0x4303, 0x10, 0x4),
    slot(19, 0x4304, 0x11, 0),
    slot(20, 0x4305, 0, VAR),
  ];
}

/** A 6.12-like table: poison/scan slots empty, timestamp and log ids added, ENABLED/EXCLUSIVE reported. */
export function kernel612Table(opts: { raw?: boolean } = {}): FakeSlot[] {
  const t = kernel61Table().map((s) => ({ ...s, flags: s.id ? 1 : 0 }));
  for (const i of [15, 16, 17, 19, 20]) t[i] = slot(0, 0, 0, 0);
  if (opts.raw) t[2] = slot(2, 0, VAR, VAR);
  t.push(
    slot(21, 0x0300, 0, 0x8, 1),
    slot(22, 0x0402, 0x10, 0x4, 1),
    slot(23, 0x0403, 0x10, 0, 1),
    slot(24, 0x0405, 0x2, VAR, 1),
  );
  return t;
}

/** What the fake device answers to one mailbox command. */
export type FakeDevice = (opcode: number, input: Uint8Array) => { retval: number; output: Uint8Array };

interface Mem {
  bytes: Uint8Array;
  address: bigint;
  freed: boolean;
}

/**
 * A stand-in for the kernel's CXL mailbox ioctls, reading and writing the
 * uapi structures at the offsets of include/uapi/linux/cxl_mem.h (written out
 * here independently of the library's codecs).
 */
export class FakeCxlKernel implements MailboxOps {
  table: FakeSlot[];
  payloadSize = 1024;
  lockdown = false;
  rawAllowAll = false;
  exclusive = new Set<number>();
  enabled: Set<number> | undefined; // undefined: every listed id
  device: FakeDevice = () => ({ retval: 0, output: new Uint8Array() });
  openErrno: number | undefined;
  queryErrno: number | undefined;
  /** Every CXL_MEM_SEND_COMMAND structure as it arrived (48 bytes each). */
  readonly sends: Uint8Array[] = [];
  /** Opcodes that reached the device. */
  readonly delivered: number[] = [];
  readonly openFds = new Set<number>();
  private nextFd = 10;
  private readonly mem = new Map<bigint, Mem>();
  private nextAddress = 0x7f00_0000_0000n;

  constructor(table: FakeSlot[] = kernel61Table()) {
    this.table = table;
  }

  liveBuffers(): number {
    return [...this.mem.values()].filter((m) => !m.freed).length;
  }

  open(path: string): number {
    if (this.openErrno !== undefined) throw new OpenFailure(this.openErrno, `open ${path}`);
    const fd = this.nextFd++;
    this.openFds.add(fd);
    return fd;
  }

  close(fd: number): void {
    if (!this.openFds.delete(fd)) throw new Error(`fake kernel: close of unknown fd ${fd}`);
  }

  alloc(size: number): MailboxBuffer {
    const m: Mem = { bytes: new Uint8Array(size), address: this.nextAddress, freed: false };
    this.nextAddress += 0x10_0000n;
    this.mem.set(m.address, m);
    return {
      pointer: m,
      address: m.address,
      bytes: m.bytes,
      free: () => {
        if (m.freed) throw new Error('fake kernel: double free');
        m.freed = true;
      },
    };
  }

  async ioctl(fd: number, request: number, arg: MailboxBuffer): Promise<{ result: number; errno: number }> {
    if (!this.openFds.has(fd)) return { result: -1, errno: E.EBADF };
    const errno =
      request === 0x8008ce01
        ? this.query(arg.bytes)
        : request === 0xc030ce02
          ? this.send(arg.bytes)
          : E.ENOTTY;
    return errno ? { result: -1, errno } : { result: 0, errno: 0 };
  }

  private query(q: Uint8Array): number {
    if (this.queryErrno !== undefined) return this.queryErrno;
    const dv = new DataView(q.buffer, q.byteOffset, q.byteLength);
    const n = dv.getUint32(0, true);
    if (n === 0) {
      dv.setUint32(0, this.table.length, true);
      return 0;
    }
    for (let i = 0; i < Math.min(n, this.table.length); i++) {
      const s = this.table[i]!;
      const o = 8 + 16 * i;
      dv.setUint32(o, s.id, true);
      dv.setUint32(o + 4, s.flags, true);
      dv.setUint32(o + 8, s.id ? s.sizeIn : 0, true);
      dv.setUint32(o + 12, s.id ? s.sizeOut : 0, true);
    }
    return 0;
  }

  private buffer(address: bigint, size: number): Uint8Array | undefined {
    for (const m of this.mem.values()) {
      if (!m.freed && address >= m.address && address + BigInt(size) <= m.address + BigInt(m.bytes.length)) {
        const off = Number(address - m.address);
        return m.bytes.subarray(off, off + size);
      }
    }
    return undefined;
  }

  private send(s: Uint8Array): number {
    this.sends.push(s.slice(0, 48));
    const dv = new DataView(s.buffer, s.byteOffset, 48);
    const id = dv.getUint32(0, true);
    const flags = dv.getUint32(4, true);
    const rawOpcode = dv.getUint16(8, true);
    const rawRsvd = dv.getUint16(10, true);
    const inSize = dv.getUint32(16, true);
    const inRsvd = dv.getUint32(20, true);
    const inPtr = dv.getBigUint64(24, true);
    const outSize = dv.getUint32(32, true);
    const outRsvd = dv.getUint32(36, true);
    const outPtr = dv.getBigUint64(40, true);
    if (id === 0 || id >= this.table.length) return E.ENOTTY;
    if (inSize > this.payloadSize) return E.EINVAL;
    let opcode: number;
    if (id === 2) {
      if (rawRsvd) return E.EINVAL;
      if (outSize > this.payloadSize) return E.EINVAL;
      const builtIn = this.table[2]?.id === 2;
      const security = [0x44, 0x45, 0x46].includes(rawOpcode >> 8);
      const refused = [0x0202, 0x4101, 0x4103, 0x4204, 0x4304, 0x4305].includes(rawOpcode);
      if (!builtIn || this.lockdown || (!this.rawAllowAll && (security || refused))) return E.EPERM;
      opcode = rawOpcode;
    } else {
      const slot = this.table[id]!;
      if (flags & ~3 || dv.getUint32(8, true) || inRsvd || outRsvd) return E.EINVAL;
      if (slot.id !== id || (this.enabled && !this.enabled.has(id))) return E.ENOTTY;
      if (this.exclusive.has(id)) return E.EBUSY;
      if (slot.sizeIn !== VAR && slot.sizeIn !== inSize) return E.ENOMEM;
      if (slot.sizeOut !== VAR && outSize < slot.sizeOut) return E.ENOMEM;
      opcode = slot.opcode;
    }
    const input = inSize ? this.buffer(inPtr, inSize) : new Uint8Array();
    if (!input) return E.EFAULT;
    this.delivered.push(opcode);
    const { retval, output } = this.device(opcode, input.slice());
    dv.setUint32(12, retval, true);
    // On a failure return code the kernel copies nothing and leaves out.size as the caller set it.
    if (retval !== 0) return 0;
    const n = Math.min(output.length, outSize, this.payloadSize);
    if (n) {
      const out = this.buffer(outPtr, n);
      if (!out) return E.EFAULT;
      out.set(output.subarray(0, n));
    }
    dv.setUint32(32, n, true);
    return 0;
  }
}
