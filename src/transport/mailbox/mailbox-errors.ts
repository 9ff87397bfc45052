/** Typed errors for the kernel mailbox: errno, the call that failed, and what to check. */
import { CxlmiTransportError, CxlmiUnavailableError, hex4 } from '../../errors.js';
import { ERRNO, errnoName } from '../native/errno.js';

const RAW_ENABLE_HINT =
  'raw commands need a kernel built with CONFIG_CXL_MEM_RAW_COMMANDS=y and booted without lockdown ' +
  '(opcodes the kernel manages also need /sys/kernel/debug/cxl/mbox/raw_allow_all set to Y); ' +
  'or reach the device over MCTP';

const QUERY = 'ioctl(CXL_MEM_QUERY_COMMANDS)';
const SEND = 'ioctl(CXL_MEM_SEND_COMMAND)';

function details(errno: number, syscall: string, hint: string, opcode?: number) {
  return { errno, errnoName: errnoName(errno), syscall, hint, transport: 'mailbox', opcode };
}

/** open() of a mailbox device failed. */
export function openError(path: string, errno: number): CxlmiTransportError {
  switch (errno) {
    case ERRNO.ENOENT:
    case ERRNO.ENODEV:
    case ERRNO.ENXIO:
      return new CxlmiUnavailableError(
        `cannot open ${path}: no such CXL device`,
        details(
          errno,
          'open',
          "check that the cxl_pci and cxl_mem drivers are bound; 'cxlmi list' shows the devices",
        ),
      );
    case ERRNO.EACCES:
    case ERRNO.EPERM:
      return new CxlmiTransportError(
        `cannot open ${path}: permission denied`,
        details(
          errno,
          'open',
          'the mailbox device is root-only by default: run as root or grant access to the node',
        ),
      );
    default:
      return new CxlmiTransportError(`cannot open ${path}`, details(errno, 'open', 'see the errno'));
  }
}

/** CXL_MEM_QUERY_COMMANDS failed: usually the node is not a CXL memory device at all. */
export function queryError(path: string, errno: number): CxlmiTransportError {
  if (errno === ERRNO.ENOTTY || errno === ERRNO.EINVAL) {
    return new CxlmiUnavailableError(
      `${path} is not a CXL memory device: the kernel does not answer CXL_MEM_QUERY_COMMANDS on it`,
      details(errno, QUERY, 'name a /dev/cxl/memN node'),
    );
  }
  return new CxlmiTransportError(
    `${path}: listing the kernel's mailbox commands failed`,
    details(errno, QUERY, 'see the errno'),
  );
}

export interface SendContext {
  readonly path: string;
  readonly opcode: number;
  /** Kernel command name when sent by kernel id, undefined when sent as RAW. */
  readonly kernelName: string | undefined;
  readonly kernelId: number;
  /** Why the kernel will refuse this opcode as RAW, when known in advance. */
  readonly rawRefusal: string | undefined;
}

/** CXL_MEM_SEND_COMMAND failed before or while reaching the device. */
export function sendError(ctx: SendContext, errno: number): CxlmiTransportError {
  const what = ctx.kernelName
    ? `opcode 0x${hex4(ctx.opcode)} (kernel command ${ctx.kernelName}, id ${ctx.kernelId})`
    : `opcode 0x${hex4(ctx.opcode)} (RAW)`;
  const at = `${ctx.path}: ${what}`;
  const d = (hint: string) => details(errno, SEND, hint, ctx.opcode);
  switch (errno) {
    case ERRNO.EPERM:
      if (!ctx.kernelName) {
        const why = ctx.rawRefusal ?? 'the kernel is locked down (e.g. Secure Boot) and refuses raw commands';
        return new CxlmiUnavailableError(
          `${at} refused: this kernel does not list the opcode, so it can only go as a RAW command, and ${why}`,
          d(RAW_ENABLE_HINT),
        );
      }
      return new CxlmiTransportError(`${at} refused: not permitted`, d('run as root'));
    case ERRNO.ENOTTY:
      return new CxlmiUnavailableError(
        `${at} refused: the kernel or the device does not offer this command`,
        d(
          "it is missing from the device's Command Effects Log or this kernel predates it; 'cxlmi caps' lists what goes through",
        ),
      );
    case ERRNO.EBUSY:
      return new CxlmiTransportError(
        `${at} refused: the kernel keeps this command for itself right now`,
        d(
          'the kernel is managing the resource (e.g. Set LSA while a pmem region uses the labels) or will not pass this input; release it (cxl disable-memdev, ndctl) or retry later',
        ),
      );
    case ERRNO.EACCES:
      return new CxlmiTransportError(`${at} refused: permission denied`, d('run as root'));
    case ERRNO.ENOMEM:
      return new CxlmiTransportError(
        `${at} refused: sizes do not match what the kernel expects`,
        d("compare with 'cxlmi caps'"),
      );
    case ERRNO.EINVAL:
      return new CxlmiTransportError(
        `${at} refused: invalid argument`,
        d('a size exceeds the mailbox payload size or a reserved field is set'),
      );
    case ERRNO.EINTR:
      return new CxlmiTransportError(`${at} interrupted while waiting for the mailbox`, d('retry'));
    case ERRNO.ETIMEDOUT:
      return new CxlmiTransportError(
        `${at}: the device did not complete the command in time`,
        d('check the device health; the kernel log may say more'),
      );
    case ERRNO.ENXIO:
    case ERRNO.EIO:
    case ERRNO.EFAULT:
      return new CxlmiTransportError(
        `${at}: the mailbox failed`,
        d('the device or its mailbox is not responding correctly; check the kernel log'),
      );
    default:
      return new CxlmiTransportError(`${at}: CXL_MEM_SEND_COMMAND failed`, d('see the errno'));
  }
}
