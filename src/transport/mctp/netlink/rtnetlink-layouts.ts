/**
 * rtnetlink structures for setting up an MCTP link, in native (little-endian) byte order, from
 * Linux include/uapi/linux/netlink.h, rtnetlink.h, if_link.h and if_addr.h; what the MCTP stack
 * reads from them is in net/mctp/device.c (addresses) and net/mctp/route.c (routes).
 */
import { reserved, s32, struct, u8, u16, u32 } from '../../../protocol/layout/index.js';

export const AF_NETLINK = 16;
export const NETLINK_ROUTE = 0;
export const SOCK_RAW = 3;
export const SOL_NETLINK = 270;
export const NETLINK_EXT_ACK = 11;

export const NLMSG_ERROR = 2;
export const NLM_F_REQUEST = 0x01;
export const NLM_F_ACK = 0x04;
export const NLM_F_EXCL = 0x200;
export const NLM_F_CREATE = 0x400;
/** In an ack: the echoed request was cut to its header. */
export const NLM_F_CAPPED = 0x100;
/** In an ack: extended-ack attributes follow. */
export const NLM_F_ACK_TLVS = 0x200;
export const NLMSGERR_ATTR_MSG = 1;

export const RTM_NEWLINK = 16;
export const RTM_NEWADDR = 20;
export const RTM_DELADDR = 21;
export const RTM_NEWROUTE = 24;
export const RTM_DELROUTE = 25;

export const IFF_UP = 0x1;
export const IFA_ADDRESS = 1;
export const IFA_LOCAL = 2;
export const RTA_DST = 1;
export const RTA_OIF = 4;
export const RTA_METRICS = 8;
export const RTAX_MTU = 2;
export const RTN_UNICAST = 1;
export const RT_TABLE_DEFAULT = 253;
export const RTPROT_STATIC = 4;
export const RT_SCOPE_LINK = 253;

/** struct nlmsghdr: 16 bytes. */
export const nlmsghdr = struct('nlmsghdr', {
  nlmsg_len: u32,
  nlmsg_type: u16,
  nlmsg_flags: u16,
  nlmsg_seq: u32,
  nlmsg_pid: u32,
});

/** struct sockaddr_nl: 12 bytes. */
export const sockaddrNl = struct('sockaddr_nl', {
  nl_family: u16,
  nl_pad: reserved(2),
  nl_pid: u32,
  nl_groups: u32,
});

/** struct ifinfomsg: 16 bytes. */
export const ifinfomsg = struct('ifinfomsg', {
  ifi_family: u8,
  ifi_pad: reserved(1),
  ifi_type: u16,
  ifi_index: s32,
  ifi_flags: u32,
  ifi_change: u32,
});

/** struct ifaddrmsg: 8 bytes. */
export const ifaddrmsg = struct('ifaddrmsg', {
  ifa_family: u8,
  ifa_prefixlen: u8,
  ifa_flags: u8,
  ifa_scope: u8,
  ifa_index: u32,
});

/** struct rtmsg: 12 bytes. */
export const rtmsg = struct('rtmsg', {
  rtm_family: u8,
  rtm_dst_len: u8,
  rtm_src_len: u8,
  rtm_tos: u8,
  rtm_table: u8,
  rtm_protocol: u8,
  rtm_scope: u8,
  rtm_type: u8,
  rtm_flags: u32,
});

/** struct rtattr (and nlattr): 4-byte header, payload padded to 4 bytes. */
export const rtattr = struct('rtattr', {
  rta_len: u16,
  rta_type: u16,
});

export const NLMSGHDR_SIZE = nlmsghdr.size!;
export const SOCKADDR_NL_SIZE = sockaddrNl.size!;
