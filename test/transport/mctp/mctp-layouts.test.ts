import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollfd, sockaddrMctp } from '../../../src/transport/mctp/mctp-layouts.js';

describe('MCTP socket structures', () => {
  it('struct sockaddr_mctp (include/uapi/linux/mctp.h): 12 bytes, padding zero', () => {
    const bytes = sockaddrMctp.encode({
      smctp_family: 45, // AF_MCTP
      smctp_network: 0x0102,
      smctp_addr: 9,
      smctp_type: 0x08,
      smctp_tag: 0x08, // MCTP_TAG_OWNER
    });
    // prettier-ignore
    assert.deepEqual(
      [...bytes],
      [
        0x2d,
        0x00, // smctp_family
        0x00,
        0x00, // __smctp_pad0
        0x02,
        0x01,
        0x00,
        0x00, // smctp_network
        0x09, // smctp_addr.s_addr
        0x08, // smctp_type
        0x08, // smctp_tag
        0x00, // __smctp_pad1
      ],
    );
  });

  it('struct sockaddr_mctp as recvfrom fills it: a response from EID 10 on network 1, tag 3', () => {
    const a = sockaddrMctp.decode(Uint8Array.from([0x2d, 0, 0, 0, 1, 0, 0, 0, 0x0a, 0x07, 0x03, 0]));
    assert.deepEqual(a, { smctp_family: 45, smctp_network: 1, smctp_addr: 10, smctp_type: 7, smctp_tag: 3 });
  });

  it('struct pollfd: int fd, short events, short revents', () => {
    assert.deepEqual([...pollfd.encode({ fd: 7, events: 1, revents: 0 })], [7, 0, 0, 0, 1, 0, 0, 0]);
    assert.deepEqual(pollfd.decode(Uint8Array.from([7, 0, 0, 0, 1, 0, 0x19, 0])), {
      fd: 7,
      events: 1,
      revents: 0x19,
    });
  });
});
