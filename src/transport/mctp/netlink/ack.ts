/** Reading rtnetlink acks: NLMSG_ERROR with 0 (done) or -errno, and the kernel's extended-ack text. */
import {
  NLM_F_ACK_TLVS,
  NLM_F_CAPPED,
  NLMSG_ERROR,
  NLMSGERR_ATTR_MSG,
  NLMSGHDR_SIZE,
  nlmsghdr,
  rtattr,
} from './rtnetlink-layouts.js';

export interface NetlinkAck {
  seq: number;
  /** 0 on success, else a positive errno. */
  errno: number;
  /** The kernel's explanation (extended ack), when it gave one. */
  message?: string;
}

/** The acks in one datagram from the kernel (other message types are skipped). */
export function parseAcks(buf: Uint8Array): NetlinkAck[] {
  const out: NetlinkAck[] = [];
  let o = 0;
  while (o + NLMSGHDR_SIZE <= buf.length) {
    const h = nlmsghdr.decode(buf.subarray(o, o + NLMSGHDR_SIZE));
    if (h.nlmsg_len < NLMSGHDR_SIZE || o + h.nlmsg_len > buf.length) break;
    if (h.nlmsg_type === NLMSG_ERROR && h.nlmsg_len >= NLMSGHDR_SIZE + 4) {
      const view = new DataView(buf.buffer, buf.byteOffset + o, h.nlmsg_len);
      const error = view.getInt32(NLMSGHDR_SIZE, true);
      const ack: NetlinkAck = { seq: h.nlmsg_seq, errno: error === 0 ? 0 : -error };
      if (h.nlmsg_flags & NLM_F_ACK_TLVS) {
        // After the error code: the request's header (capped) or the whole request, then attributes.
        const echoed = h.nlmsg_flags & NLM_F_CAPPED ? NLMSGHDR_SIZE : view.getUint32(NLMSGHDR_SIZE + 4, true);
        let a = NLMSGHDR_SIZE + 4 + ((echoed + 3) & ~3);
        while (a + 4 <= h.nlmsg_len) {
          const { rta_len, rta_type } = rtattr.decode(buf.subarray(o + a, o + a + 4));
          if (rta_len < 4 || a + rta_len > h.nlmsg_len) break;
          if (rta_type === NLMSGERR_ATTR_MSG) {
            ack.message = new TextDecoder()
              .decode(buf.subarray(o + a + 4, o + a + rta_len))
              .replace(/\0+$/, '');
          }
          a += (rta_len + 3) & ~3;
        }
      }
      out.push(ack);
    }
    o += (h.nlmsg_len + 3) & ~3;
  }
  return out;
}
