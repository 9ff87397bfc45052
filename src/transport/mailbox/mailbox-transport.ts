/**
 * The Linux kernel mailbox (/dev/cxl/memN) through CXL_MEM_SEND_COMMAND. Opcodes the kernel
 * lists for the device go by their kernel command id, so stock distribution kernels (built
 * without CONFIG_CXL_MEM_RAW_COMMANDS) work; only the other opcodes go as RAW.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CxlmiAbortError, CxlmiClosedError, CxlmiTransportError, hex4 } from '../../errors.js';
import type { CciRequest, CciResponse, ExchangeOptions, Transport } from '../transport.js';
import { type MailboxDevice, resolveMailboxDevice } from './device-path.js';
import { KernelCommandSet } from './kernel-command-set.js';
import { CXL_MEM_COMMAND_ID_RAW } from './kernel-commands.js';
import { openError, queryError, sendError } from './mailbox-errors.js';
import { type MailboxBuffer, type MailboxOps, nativeMailboxOps, OpenFailure } from './mailbox-ops.js';
import {
  COMMAND_INFO_SIZE,
  CXL_MEM_QUERY_COMMANDS,
  CXL_MEM_SEND_COMMAND,
  cxlMemQueryCommands,
  cxlSendCommand,
  QUERY_HEADER_SIZE,
  SEND_COMMAND_SIZE,
} from './uapi-layouts.js';

/** Smallest mailbox payload a CXL device may have (CXL r3.1 §8.2.8.4.3: 2^8 bytes). */
export const MIN_MAILBOX_PAYLOAD = 256;
/** Largest mailbox payload (CXL r3.1 §8.2.8.4.3: 2^20 bytes). */
export const MAX_MAILBOX_PAYLOAD = 1 << 20;
/** CXL r3.1 Table 8-34: Background Command Started. */
const RET_BACKGROUND = 0x0001;

export interface MailboxOpenOptions {
  /** System calls to use (tests pass a fake kernel). */
  readonly ops?: MailboxOps;
  /** Where sysfs is mounted (default `/sys`): payload_max comes from there. */
  readonly sysfsRoot?: string;
}

function readPayloadMax(sysfsRoot: string, name: string): number | undefined {
  try {
    const text = readFileSync(join(sysfsRoot, 'bus/cxl/devices', name, 'payload_max'), 'utf8').trim();
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    return n >= MIN_MAILBOX_PAYLOAD && n <= MAX_MAILBOX_PAYLOAD ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the kernel how many command slots it has, then for all of them. */
async function queryCommands(ops: MailboxOps, fd: number, path: string) {
  const header = ops.alloc(QUERY_HEADER_SIZE);
  let table: MailboxBuffer | undefined;
  try {
    header.bytes.set(cxlMemQueryCommands.encode({ n_commands: 0, commands: [] }));
    const first = await ops.ioctl(fd, CXL_MEM_QUERY_COMMANDS, header);
    if (first.result < 0) throw queryError(path, first.errno);
    const count = cxlMemQueryCommands.decode(header.bytes).n_commands;
    if (count === 0) return [];
    if (count > 4096) {
      throw new CxlmiTransportError(
        `${path}: the kernel reports ${count} mailbox command slots, which cannot be right`,
        {
          transport: 'mailbox',
          syscall: 'ioctl(CXL_MEM_QUERY_COMMANDS)',
        },
      );
    }
    table = ops.alloc(QUERY_HEADER_SIZE + count * COMMAND_INFO_SIZE);
    table.bytes.set(cxlMemQueryCommands.encode({ n_commands: count, commands: [] }));
    const second = await ops.ioctl(fd, CXL_MEM_QUERY_COMMANDS, table);
    if (second.result < 0) throw queryError(path, second.errno);
    return cxlMemQueryCommands.decode(table.bytes).commands;
  } finally {
    header.free();
    table?.free();
  }
}

export class MailboxTransport implements Transport {
  readonly kind = 'mailbox';
  /** As libcxlmi: a mailbox endpoint may send FM-API commands (and tunnel them); the device decides. */
  readonly fmapi = true;
  readonly description: string;
  /** Largest request payload: the device's mailbox size (sysfs payload_max). */
  readonly maxPayload: number;
  readonly device: MailboxDevice;
  /** What CXL_MEM_QUERY_COMMANDS said, and how each opcode travels. */
  readonly commands: KernelCommandSet;
  readonly #ops: MailboxOps;
  readonly #fd: number;
  readonly #cmd: MailboxBuffer;
  readonly #input: MailboxBuffer;
  readonly #output: MailboxBuffer;
  /** The buffers are shared: the next ioctl starts only once the previous one returned. */
  #busy: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    ops: MailboxOps,
    device: MailboxDevice,
    fd: number,
    commands: KernelCommandSet,
    payloadMax: number,
    buffers: [MailboxBuffer, MailboxBuffer, MailboxBuffer],
  ) {
    this.#ops = ops;
    this.device = device;
    this.description = device.path;
    this.#fd = fd;
    this.commands = commands;
    this.maxPayload = payloadMax;
    [this.#cmd, this.#input, this.#output] = buffers;
  }

  /** Opens `mem0` or `/dev/cxl/mem0` and asks the kernel which commands it passes. */
  static async open(devname: string, options: MailboxOpenOptions = {}): Promise<MailboxTransport> {
    const ops = options.ops ?? nativeMailboxOps;
    const device = resolveMailboxDevice(devname);
    let fd: number;
    try {
      fd = ops.open(device.path);
    } catch (e) {
      if (e instanceof OpenFailure) throw openError(device.path, e.errno);
      throw e;
    }
    const buffers: MailboxBuffer[] = [];
    try {
      const commands = new KernelCommandSet(await queryCommands(ops, fd, device.path));
      const payloadMax = readPayloadMax(options.sysfsRoot ?? '/sys', device.name) ?? MIN_MAILBOX_PAYLOAD;
      for (const size of [SEND_COMMAND_SIZE, payloadMax, payloadMax]) buffers.push(ops.alloc(size));
      return new MailboxTransport(
        ops,
        device,
        fd,
        commands,
        payloadMax,
        buffers as [MailboxBuffer, MailboxBuffer, MailboxBuffer],
      );
    } catch (e) {
      for (const b of buffers) b.free();
      ops.close(fd);
      throw e;
    }
  }

  request(req: CciRequest, opts: ExchangeOptions): Promise<CciResponse> {
    const run = this.#busy.then(() => {
      // Never start a command whose caller has already given up.
      if (opts.signal.aborted) throw new CxlmiAbortError(req.opcode, opts.signal.reason);
      return this.#send(req);
    });
    this.#busy = run.catch(() => {});
    return run;
  }

  /** Waits for a command in flight, then releases the buffers and the descriptor. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#busy;
    this.#cmd.free();
    this.#input.free();
    this.#output.free();
    this.#ops.close(this.#fd);
  }

  async #send(req: CciRequest): Promise<CciResponse> {
    if (this.#closed) throw new CxlmiClosedError(this.description);
    const { opcode, payload } = req;
    const route = this.commands.route(opcode);
    const kernel = route.kind === 'kernel' ? route.command : undefined;
    if (payload.length > this.maxPayload) {
      throw new CxlmiTransportError(
        `${this.description}: request payload of ${payload.length} bytes exceeds the mailbox payload size (${this.maxPayload} bytes)`,
        { transport: this.kind, opcode },
      );
    }
    if (kernel?.sizeIn !== undefined && kernel.sizeIn !== payload.length) {
      throw new CxlmiTransportError(
        `${this.description}: the kernel takes exactly ${kernel.sizeIn} input bytes for ${kernel.name} (opcode 0x${hex4(opcode)}); the request has ${payload.length}`,
        { transport: this.kind, opcode },
      );
    }
    this.#input.bytes.set(payload);
    this.#cmd.bytes.set(
      cxlSendCommand.encode({
        id: kernel ? kernel.id : CXL_MEM_COMMAND_ID_RAW,
        flags: 0,
        raw_opcode: kernel ? 0 : opcode,
        retval: 0,
        in: { size: payload.length, payload: payload.length ? this.#input.address : 0n },
        out: { size: this.maxPayload, payload: this.#output.address },
      }),
    );
    const r = await this.#ops.ioctl(this.#fd, CXL_MEM_SEND_COMMAND, this.#cmd);
    if (r.result < 0) {
      throw sendError(
        {
          path: this.description,
          opcode,
          kernelName: kernel?.name,
          kernelId: kernel ? kernel.id : CXL_MEM_COMMAND_ID_RAW,
          rawRefusal: route.kind === 'raw' ? route.refusal : undefined,
        },
        r.errno,
      );
    }
    const done = cxlSendCommand.decode(this.#cmd.bytes);
    const retcode = done.retval & 0xffff;
    // After a failure return code the kernel leaves out.size as we set it: there is no output.
    const length = retcode === 0 ? Math.min(done.out.size, this.maxPayload) : 0;
    return {
      opcode,
      retcode,
      // The kernel does not pass the vendor-specific extended status on.
      vendorStatus: 0,
      background: retcode === RET_BACKGROUND,
      payload: this.#output.bytes.slice(0, length),
    };
  }
}
