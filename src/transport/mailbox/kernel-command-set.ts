import type { Infer } from '../../protocol/layout/index.js';
import {
  CXL_MEM_COMMAND_ID_INVALID,
  CXL_MEM_COMMAND_ID_RAW,
  KERNEL_COMMAND_BY_ID,
  type KernelCommand,
  RAW_REFUSED_COMMAND_SETS,
  RAW_REFUSED_OPCODES,
} from './kernel-commands.js';
import {
  CXL_MEM_COMMAND_FLAG_ENABLED,
  CXL_MEM_COMMAND_FLAG_EXCLUSIVE,
  CXL_VARIABLE_PAYLOAD,
  type cxlCommandInfo,
} from './uapi-layouts.js';

type CommandInfo = Infer<typeof cxlCommandInfo>;

/** One command this kernel lists for the device, as CXL_MEM_QUERY_COMMANDS reported it. */
export interface KernelCommandEntry extends KernelCommand {
  /** Exact input size the kernel demands, or undefined when variable. */
  readonly sizeIn: number | undefined;
  /** Least output buffer the kernel demands, or undefined when variable. */
  readonly sizeOut: number | undefined;
  /** Enabled for this device (the kernel saw it in the CEL); undefined when the kernel does not say (before 6.x flags). */
  readonly enabled: boolean | undefined;
  /** The kernel keeps it for itself right now (answers EBUSY); undefined when the kernel does not say. */
  readonly exclusive: boolean | undefined;
}

/** How one opcode travels through this kernel. */
export type MailboxRoute =
  | { readonly kind: 'kernel'; readonly command: KernelCommandEntry }
  | { readonly kind: 'raw'; readonly refusal: string | undefined };

/** What CXL_MEM_QUERY_COMMANDS said about a device, and the routing it implies. */
export class KernelCommandSet {
  readonly commands: readonly KernelCommandEntry[];
  /** The RAW id has a slot: the kernel was built with CONFIG_CXL_MEM_RAW_COMMANDS. */
  readonly rawBuiltIn: boolean;
  /** The kernel fills in ENABLED/EXCLUSIVE flags (newer kernels). */
  readonly reportsFlags: boolean;
  /** Ids the kernel listed that this library does not know (a newer kernel). */
  readonly unknownIds: readonly number[];
  private readonly byOpcode: ReadonlyMap<number, KernelCommandEntry>;

  constructor(infos: readonly CommandInfo[]) {
    const usable = infos.filter((i) => i.id !== CXL_MEM_COMMAND_ID_INVALID);
    this.reportsFlags = usable.some((i) => (i.flags & CXL_MEM_COMMAND_FLAG_ENABLED) !== 0);
    this.rawBuiltIn = usable.some((i) => i.id === CXL_MEM_COMMAND_ID_RAW);
    const commands: KernelCommandEntry[] = [];
    const unknown: number[] = [];
    for (const info of usable) {
      if (info.id === CXL_MEM_COMMAND_ID_RAW) continue;
      const known = KERNEL_COMMAND_BY_ID.get(info.id);
      if (!known) {
        unknown.push(info.id);
        continue;
      }
      commands.push({
        ...known,
        sizeIn: info.size_in === CXL_VARIABLE_PAYLOAD ? undefined : info.size_in,
        sizeOut: info.size_out === CXL_VARIABLE_PAYLOAD ? undefined : info.size_out,
        enabled: this.reportsFlags ? (info.flags & CXL_MEM_COMMAND_FLAG_ENABLED) !== 0 : undefined,
        exclusive: this.reportsFlags ? (info.flags & CXL_MEM_COMMAND_FLAG_EXCLUSIVE) !== 0 : undefined,
      });
    }
    this.commands = commands;
    this.unknownIds = unknown;
    this.byOpcode = new Map(commands.map((k) => [k.opcode, k]));
  }

  /** Known opcodes go by their kernel id; the rest need RAW (with the reason the kernel will refuse it, if any). */
  route(opcode: number): MailboxRoute {
    const command = this.byOpcode.get(opcode);
    if (command) return { kind: 'kernel', command };
    return { kind: 'raw', refusal: this.rawRefusal(opcode) };
  }

  /** Why this kernel will refuse `opcode` as RAW, or undefined when it may pass (lockdown aside). */
  rawRefusal(opcode: number): string | undefined {
    if (!this.rawBuiltIn) {
      return 'raw commands are disabled in this kernel (built without CONFIG_CXL_MEM_RAW_COMMANDS)';
    }
    if (RAW_REFUSED_COMMAND_SETS.has(opcode >> 8)) {
      return 'the kernel never passes security / sanitize command sets (0x44-0x46) as RAW';
    }
    if (RAW_REFUSED_OPCODES.has(opcode)) {
      return 'the kernel manages this opcode itself and refuses it as RAW';
    }
    return undefined;
  }
}
