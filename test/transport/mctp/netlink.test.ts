import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiTransportError, CxlmiUsageError } from '../../../src/errors.js';
import { parseAcks } from '../../../src/transport/mctp/netlink/ack.js';
import { MctpNetlink } from '../../../src/transport/mctp/netlink/link-setup.js';
import {
  addAddressRequest,
  addRouteRequest,
  linkUpRequest,
} from '../../../src/transport/mctp/netlink/rtnetlink-mctp.js';
import { ERRNO } from '../../../src/transport/native/errno.js';

const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];

describe('rtnetlink requests for an MCTP link (uapi netlink.h, rtnetlink.h, if_addr.h)', () => {
  it('RTM_NEWLINK: nlmsghdr then ifinfomsg with IFF_UP in flags and change mask', () => {
    assert.deepEqual(
      [...linkUpRequest(7, 0x01020304)],
      [
        ...le32(32),
        ...le16(16),
        ...le16(0x0005),
        ...le32(0x01020304),
        ...le32(0), // len, RTM_NEWLINK, REQUEST|ACK, seq, pid
        0,
        0,
        ...le16(0),
        ...le32(7),
        ...le32(1),
        ...le32(1), // AF_UNSPEC, pad, type, index 7, IFF_UP, IFF_UP
      ],
    );
  });

  it('RTM_NEWADDR: ifaddrmsg for AF_MCTP (45) and IFA_LOCAL holding one byte, padded', () => {
    assert.deepEqual(
      [...addAddressRequest(3, 8, 2)],
      [
        ...le32(32),
        ...le16(20),
        ...le16(0x0605),
        ...le32(2),
        ...le32(0), // REQUEST|ACK|EXCL|CREATE
        45,
        0,
        0,
        0,
        ...le32(3),
        ...le16(5),
        ...le16(2),
        8,
        0,
        0,
        0, // rta_len 5, IFA_LOCAL, EID 8, padding
      ],
    );
  });

  it('RTM_NEWROUTE: rtmsg (unicast, link scope), RTA_DST byte, RTA_OIF u32, optional RTAX_MTU', () => {
    const head = [45, 0, 0, 0, 253, 4, 253, 1, ...le32(0)];
    assert.deepEqual(
      [...addRouteRequest(3, 9, 5)],
      [
        ...le32(44),
        ...le16(24),
        ...le16(0x0605),
        ...le32(5),
        ...le32(0),
        ...head,
        ...le16(5),
        ...le16(1),
        9,
        0,
        0,
        0,
        ...le16(8),
        ...le16(4),
        ...le32(3),
      ],
    );
    const withMtu = addRouteRequest(3, 9, 6, { extent: 2, mtu: 68 });
    assert.equal(withMtu[16 + 1], 2); // rtm_dst_len: EIDs 9..11
    assert.deepEqual(
      [...withMtu.subarray(44)],
      [...le16(12), ...le16(8), ...le16(8), ...le16(2), ...le32(68)],
    );
    assert.equal(withMtu.length, 56);
  });

  it('reads acks: success, -errno, and the extended-ack message after a capped request', () => {
    const text = [...Buffer.from('rtm_type must be RTN_UNICAST\0')];
    const attr = [...le16(4 + text.length), ...le16(1), ...text];
    while (attr.length % 4) attr.push(0);
    const capped = [
      ...le32(16 + 4 + 16 + attr.length),
      ...le16(2),
      ...le16(0x0300),
      ...le32(9),
      ...le32(0),
      ...le32(-22 >>> 0),
      ...le32(44),
      ...le16(24),
      ...le16(0x0605),
      ...le32(9),
      ...le32(0),
      ...attr,
    ];
    const ok = [
      ...le32(36),
      ...le16(2),
      ...le16(0x0100),
      ...le32(8),
      ...le32(0),
      ...le32(0),
      ...new Array(16).fill(0),
    ];
    assert.deepEqual(parseAcks(Uint8Array.from([...ok, ...capped])), [
      { seq: 8, errno: 0 },
      { seq: 9, errno: 22, message: 'rtm_type must be RTN_UNICAST' },
    ]);
  });
});

describe('MctpNetlink against this kernel', () => {
  it('reports a typed error with the errno for an interface that does not exist (nothing changes)', async () => {
    const nl = MctpNetlink.open();
    try {
      // Index 2^31-1 names no interface: ENODEV whether or not the kernel has MCTP.
      await assert.rejects(nl.linkUp(0x7fffffff), (e: unknown) => {
        assert.ok(e instanceof CxlmiTransportError);
        assert.equal(e.errnoName, 'ENODEV');
        assert.match(e.message, /set interface 2147483647 up/);
        return true;
      });
      // Without CONFIG_MCTP the family has no handler (EOPNOTSUPP); with it, ENODEV.
      await assert.rejects(nl.addAddress(0x7fffffff, 8), (e: unknown) => {
        assert.ok(e instanceof CxlmiTransportError);
        assert.ok([ERRNO.EOPNOTSUPP, ERRNO.ENODEV, ERRNO.EAFNOSUPPORT].includes(e.errno ?? 0), e.message);
        return true;
      });
      await assert.rejects(nl.addRoute(1, 0), CxlmiUsageError);
      await assert.rejects(nl.addRoute(1, 250, { extent: 10 }), CxlmiUsageError);
    } finally {
      nl.close();
    }
    assert.throws(() => MctpNetlink.ifindex('no-such-if0'), CxlmiUsageError);
    assert.ok(MctpNetlink.ifindex('lo') >= 1);
  });
});
