/**
 * The rtnetlink requests that set up an MCTP link (what `mctp link set up`, `mctp addr add` and
 * `mctp route add` send): bring the interface up, give it a local EID, route remote EIDs over it.
 * Pure encoders; link-setup.ts sends them.
 */
import { AF_MCTP } from '../mctp-constants.js';
import {
  IFA_LOCAL,
  IFF_UP,
  ifaddrmsg,
  ifinfomsg,
  NLM_F_ACK,
  NLM_F_CREATE,
  NLM_F_EXCL,
  NLM_F_REQUEST,
  NLMSGHDR_SIZE,
  nlmsghdr,
  RT_SCOPE_LINK,
  RT_TABLE_DEFAULT,
  RTA_DST,
  RTA_METRICS,
  RTA_OIF,
  RTAX_MTU,
  RTM_NEWADDR,
  RTM_NEWLINK,
  RTM_NEWROUTE,
  RTN_UNICAST,
  RTPROT_STATIC,
  rtattr,
  rtmsg,
} from './rtnetlink-layouts.js';

const align4 = (n: number): number => (n + 3) & ~3;

/** One attribute: header, payload, padding. */
export function attribute(type: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(align4(4 + payload.length));
  out.set(rtattr.encode({ rta_len: 4 + payload.length, rta_type: type }));
  out.set(payload, 4);
  return out;
}

const u8Attr = (type: number, v: number): Uint8Array => attribute(type, Uint8Array.of(v));
const u32Attr = (type: number, v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return attribute(type, b);
};

/** A whole netlink message: header, family header (padded), attributes. */
export function netlinkMessage(type: number, flags: number, seq: number, body: Uint8Array[]): Uint8Array {
  const parts = body.map((b) =>
    b.length % 4 ? Uint8Array.from({ length: align4(b.length) }, (_, i) => b[i] ?? 0) : b,
  );
  const length = NLMSGHDR_SIZE + parts.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(length);
  out.set(
    nlmsghdr.encode({
      nlmsg_len: length,
      nlmsg_type: type,
      nlmsg_flags: flags,
      nlmsg_seq: seq,
      nlmsg_pid: 0,
    }),
  );
  let o = NLMSGHDR_SIZE;
  for (const b of parts) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

/** RTM_NEWLINK on an existing interface: set IFF_UP (change mask IFF_UP), nothing else. */
export function linkUpRequest(ifindex: number, seq: number): Uint8Array {
  return netlinkMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, seq, [
    ifinfomsg.encode({
      ifi_family: 0,
      ifi_type: 0,
      ifi_index: ifindex,
      ifi_flags: IFF_UP,
      ifi_change: IFF_UP,
    }),
  ]);
}

/** RTM_NEWADDR, AF_MCTP: a local EID on the interface (IFA_LOCAL, one byte). */
export function addAddressRequest(ifindex: number, eid: number, seq: number): Uint8Array {
  return netlinkMessage(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq, [
    ifaddrmsg.encode({
      ifa_family: AF_MCTP,
      ifa_prefixlen: 0,
      ifa_flags: 0,
      ifa_scope: 0,
      ifa_index: ifindex,
    }),
    u8Attr(IFA_LOCAL, eid),
  ]);
}

export interface RouteOptions {
  /** Route EIDs `eid` to `eid + extent` (rtm_dst_len; default 0: one EID). */
  extent?: number;
  /** Largest packet for this route, header included (RTAX_MTU; default: the interface's MTU). */
  mtu?: number;
}

/** RTM_NEWROUTE, AF_MCTP: remote EID(s) reached directly over the interface. */
export function addRouteRequest(ifindex: number, eid: number, seq: number, o: RouteOptions = {}): Uint8Array {
  return netlinkMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq, [
    rtmsg.encode({
      rtm_family: AF_MCTP,
      rtm_dst_len: o.extent ?? 0,
      rtm_src_len: 0,
      rtm_tos: 0,
      rtm_table: RT_TABLE_DEFAULT,
      rtm_protocol: RTPROT_STATIC,
      rtm_scope: RT_SCOPE_LINK,
      rtm_type: RTN_UNICAST,
      rtm_flags: 0,
    }),
    u8Attr(RTA_DST, eid),
    u32Attr(RTA_OIF, ifindex),
    ...(o.mtu ? [attribute(RTA_METRICS, u32Attr(RTAX_MTU, o.mtu))] : []),
  ]);
}
