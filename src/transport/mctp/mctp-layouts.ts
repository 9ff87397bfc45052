/**
 * Kernel structures the MCTP socket path fills in, in native (little-endian) byte order:
 * `struct sockaddr_mctp` of include/uapi/linux/mctp.h and `struct pollfd` of poll.h.
 */
import { reserved, s16, s32, struct, u8, u16, u32 } from '../../protocol/layout/index.js';

/** struct sockaddr_mctp: 12 bytes; the kernel rejects non-zero padding. */
export const sockaddrMctp = struct('sockaddr_mctp', {
  smctp_family: u16,
  smctp_pad0: reserved(2),
  smctp_network: u32,
  smctp_addr: u8,
  smctp_type: u8,
  smctp_tag: u8,
  smctp_pad1: reserved(1),
});

/** struct pollfd: 8 bytes. */
export const pollfd = struct('pollfd', {
  fd: s32,
  events: s16,
  revents: s16,
});

export const SOCKADDR_MCTP_SIZE = sockaddrMctp.size!;
export const POLLFD_SIZE = pollfd.size!;
