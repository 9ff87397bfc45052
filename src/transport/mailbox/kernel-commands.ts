/**
 * The kernel's CXL mailbox command ids (`enum { CXL_CMDS }` in
 * include/uapi/linux/cxl_mem.h; new ids are only ever appended) and the opcode
 * each stands for (`CXL_MBOX_OP_*` in drivers/cxl/cxlmem.h).
 */
export interface KernelCommand {
  /** Index in the kernel's table: the `id` of `struct cxl_send_command`. */
  readonly id: number;
  /** The uapi name without `CXL_MEM_COMMAND_ID_` / `CXL_MEM_DEPRECATED_ID_`. */
  readonly name: string;
  /** CXL opcode (command set << 8 | command). */
  readonly opcode: number;
  /** Marked `___DEPRECATED` in the uapi: newer kernels leave its slot empty. */
  readonly deprecated: boolean;
}

export const CXL_MEM_COMMAND_ID_INVALID = 0;
export const CXL_MEM_COMMAND_ID_RAW = 2;

const c = (id: number, name: string, opcode: number, deprecated = false): KernelCommand => ({
  id,
  name,
  opcode,
  deprecated,
});

export const KERNEL_COMMANDS: readonly KernelCommand[] = [
  c(1, 'IDENTIFY', 0x4000),
  c(3, 'GET_SUPPORTED_LOGS', 0x0400),
  c(4, 'GET_FW_INFO', 0x0200),
  c(5, 'GET_PARTITION_INFO', 0x4100),
  c(6, 'GET_LSA', 0x4102),
  c(7, 'GET_HEALTH_INFO', 0x4200),
  c(8, 'GET_LOG', 0x0401),
  c(9, 'SET_PARTITION_INFO', 0x4101),
  c(10, 'SET_LSA', 0x4103),
  c(11, 'GET_ALERT_CONFIG', 0x4201),
  c(12, 'SET_ALERT_CONFIG', 0x4202),
  c(13, 'GET_SHUTDOWN_STATE', 0x4203),
  c(14, 'SET_SHUTDOWN_STATE', 0x4204),
  c(15, 'GET_POISON', 0x4300, true),
  c(16, 'INJECT_POISON', 0x4301, true),
  c(17, 'CLEAR_POISON', 0x4302, true),
  c(18, 'GET_SCAN_MEDIA_CAPS', 0x4303),
  c(19, 'SCAN_MEDIA', 0x4304, true),
  c(20, 'GET_SCAN_MEDIA', 0x4305, true),
  c(21, 'GET_TIMESTAMP', 0x0300),
  c(22, 'GET_LOG_CAPS', 0x0402),
  c(23, 'CLEAR_LOG', 0x0403),
  c(24, 'GET_SUP_LOG_SUBLIST', 0x0405),
];

export const KERNEL_COMMAND_BY_ID: ReadonlyMap<number, KernelCommand> = new Map(
  KERNEL_COMMANDS.map((k) => [k.id, k]),
);

/**
 * Opcodes the kernel refuses as RAW even when raw commands are built in
 * (`cxl_disabled_raw_commands[]` and the security command sets 0x44-0x46 in
 * drivers/cxl/core/mbox.c); poison joined the list in later kernels.
 */
export const RAW_REFUSED_OPCODES: ReadonlySet<number> = new Set([
  0x0202, 0x4101, 0x4103, 0x4204, 0x4304, 0x4305, 0x4300, 0x4301, 0x4302,
]);
export const RAW_REFUSED_COMMAND_SETS: ReadonlySet<number> = new Set([0x44, 0x45, 0x46]);
