import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  securityReceive,
  securityReceiveReq,
  securityReceiveRsp,
  securitySend,
  securitySendReq,
} from '../../../src/commands/memdev/security-passthrough.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('security passthrough (46h)', () => {
  it('has the spec opcodes', () => {
    assert.deepEqual([securitySend.opcode, securityReceive.opcode], [0x4600, 0x4601]);
  });

  // Security Send input (r3.2 §8.2.10.9.7.1): protocol u8, SP specific u16, reserved[5], data.
  it('encodes Security Send', () => {
    assert.deepEqual(
      securitySendReq.encode({ security_protocol: 0xea, sp_specific: 0x0102, data: hex('aa bb') }),
      hex('ea 02 01 00 00 00 00 00 aa bb'),
    );
  });

  // Security Receive input (§8.2.10.9.7.2): 8 bytes; output: the protocol's data.
  it('encodes Security Receive and keeps its output bytes', () => {
    assert.deepEqual(
      securityReceiveReq.encode({ security_protocol: 0, sp_specific: 0 }),
      hex('00 00 00 00 00 00 00 00'),
    );
    assert.deepEqual(
      [...securityReceiveRsp.decode(hex('00 00 00 00 00 00 00 01 00')).data],
      [0, 0, 0, 0, 0, 0, 0, 1, 0],
    );
    assert.throws(() => securityReceiveReq.decode(hex('00 00 00')), CxlmiDecodeError);
  });
});
