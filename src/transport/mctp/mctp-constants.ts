/** Socket-level facts from Linux `include/linux/socket.h` and `include/uapi/linux/mctp.h`. */
export const AF_MCTP = 45;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;
export const MSG_PEEK = 0x02;
export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;
export const EFD_CLOEXEC = 0o2000000;
export const EFD_NONBLOCK = 0o4000;
export const POLLIN = 0x001;
export const POLLERR = 0x008;
export const POLLHUP = 0x010;
export const POLLNVAL = 0x020;

/** `MCTP_NET_ANY`: the kernel's default network. */
export const MCTP_NET_ANY = 0;
/** Low three bits of `smctp_tag`: the MCTP message tag. */
export const MCTP_TAG_MASK = 0x07;
/** Tag owner bit: set on requests so the kernel allocates a tag and routes the reply back. */
export const MCTP_TAG_OWNER = 0x08;

export { MCTP_TYPE_CXL_CCI, MCTP_TYPE_CXL_FMAPI } from '../../protocol/constants.js';
