/**
 * The structures and ioctl numbers of the kernel's CXL mailbox uapi
 * (include/uapi/linux/cxl_mem.h). The kernel lays them out in native byte
 * order; the transports run on little-endian hosts only (native/libc.ts checks).
 */
import { reserved, struct, u16, u32, u64, varArray } from '../../protocol/layout/index.js';

/** `_IOC(dir, type, nr, size)` of include/uapi/asm-generic/ioctl.h. */
function ioc(dir: number, type: number, nr: number, size: number): number {
  return ((dir << 30) | (size << 16) | (type << 8) | nr) >>> 0;
}
const IOC_WRITE = 1;
const IOC_READ = 2;

/** struct cxl_command_info: one slot of the kernel's command table. */
export const cxlCommandInfo = struct('cxl_command_info', {
  id: u32,
  flags: u32,
  size_in: u32,
  size_out: u32,
});

/** struct cxl_mem_query_commands: a count, then as many command infos as asked for. */
export const cxlMemQueryCommands = struct('cxl_mem_query_commands', {
  n_commands: u32,
  rsvd: reserved(4),
  commands: varArray(cxlCommandInfo, 'rest'),
});

const payloadDescriptor = (name: string) =>
  struct(name, {
    size: u32,
    rsvd: reserved(4),
    /** User address of the payload buffer. */
    payload: u64,
  });

/** struct cxl_send_command (the `raw` member of its union flattened in). */
export const cxlSendCommand = struct('cxl_send_command', {
  id: u32,
  flags: u32,
  raw_opcode: u16,
  raw_rsvd: reserved(2),
  retval: u32,
  in: payloadDescriptor('cxl_send_command.in'),
  out: payloadDescriptor('cxl_send_command.out'),
});

/** 8: the fixed part of struct cxl_mem_query_commands (the ioctl's size argument). */
export const QUERY_HEADER_SIZE = cxlMemQueryCommands.minSize;
/** 16 */
export const COMMAND_INFO_SIZE = cxlCommandInfo.size!;
/** 48 */
export const SEND_COMMAND_SIZE = cxlSendCommand.size!;

/** `_IOR(0xCE, 1, struct cxl_mem_query_commands)` = 0x8008CE01. */
export const CXL_MEM_QUERY_COMMANDS = ioc(IOC_READ, 0xce, 1, QUERY_HEADER_SIZE);
/** `_IOWR(0xCE, 2, struct cxl_send_command)` = 0xC030CE02. */
export const CXL_MEM_SEND_COMMAND = ioc(IOC_READ | IOC_WRITE, 0xce, 2, SEND_COMMAND_SIZE);

export const CXL_MEM_COMMAND_FLAG_ENABLED = 1 << 0;
export const CXL_MEM_COMMAND_FLAG_EXCLUSIVE = 1 << 1;
/** `~0` in size_in / size_out: variable length. */
export const CXL_VARIABLE_PAYLOAD = 0xffffffff;
