/** Typed errors for MCTP socket calls: errno, the call, and what to check. */
import { CxlmiTransportError, CxlmiUnavailableError } from '../../errors.js';
import { ERRNO, errnoName } from '../native/errno.js';

function hint(errno: number, peer: string): string {
  switch (errno) {
    case ERRNO.EAFNOSUPPORT:
      return 'this kernel has no MCTP support: load the mctp module, or use a kernel built with CONFIG_MCTP';
    case ERRNO.EACCES:
    case ERRNO.EPERM:
      return 'sending MCTP messages needs CAP_NET_RAW: run as root or grant the capability';
    case ERRNO.EHOSTUNREACH:
    case ERRNO.ENETUNREACH:
      return `no route to ${peer}: check the network id and that the endpoint is set up (mctpd, 'mctp route')`;
    case ERRNO.EMSGSIZE:
      return 'the message is larger than this MCTP route carries';
    case ERRNO.EMFILE:
    case ERRNO.ENFILE:
      return 'out of file descriptors: close endpoints that are not in use';
    default:
      return 'see the errno';
  }
}

/** A failed socket call; EAFNOSUPPORT (no MCTP in the kernel) is an unavailable-feature error. */
export function mctpSyscallError(syscall: string, errno: number, peer: string): CxlmiTransportError {
  const details = { errno, errnoName: errnoName(errno), syscall, hint: hint(errno, peer), transport: 'mctp' };
  if (errno === ERRNO.EAFNOSUPPORT) {
    return new CxlmiUnavailableError('MCTP sockets are not available: socket(AF_MCTP) failed', details);
  }
  return new CxlmiTransportError(`MCTP ${syscall}() for ${peer} failed`, details);
}
