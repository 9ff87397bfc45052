import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  sendLdCxlioConfigRequest,
  sendLdCxlioMemRequest,
  tunnelManagementCommand,
} from '../../../src/commands/fmapi/mld-port.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('Tunnel Management Command (5300h)', () => {
  // CXL r3.2 Table 7-32: 00h port or LD id, 01h target type, 02h 2 command size, 04h the CCI message.
  // The message here is an Identify request to tag 7 (Figure 7-19 header, no payload).
  const IDENTIFY_MSG = hex('00 07 00 01 00 00 00 00 00 00 00 00');
  it('encodes the target and the carried message', () => {
    const req = { id: 1, target_type: 0, command_size: 12, message: IDENTIFY_MSG };
    assert.deepEqual(
      [...tunnelManagementCommand.encodeRequest(req)],
      [...hex('01 00 0c 00'), ...IDENTIFY_MSG],
    );
  });
  // Table 7-33: 00h 2 response length, 02h 2 rsvd, 04h the response message.
  it('decodes the carried response', () => {
    const v = tunnelManagementCommand.response.decode(
      hex('0c 00 00 00  01 07 00 01 00 00 00 00 02 00 00 00'),
    );
    assert.equal(v.length, 12);
    assert.equal(v.message.length, 12);
    assert.equal(v.message[8], 2);
  });
  it('rejects a request whose size claims more than arrived', () => {
    assert.throws(() => tunnelManagementCommand.request.decode(hex('01 00 0c 00 00 07')), CxlmiDecodeError);
  });
});

describe('Send LD CXL.io Configuration Request (5301h)', () => {
  // CXL r3.2 Table 7-34: 00h PPB id, 01h-03h register/byte enables/type, 04h 2 LD id, 06h 2 rsvd, 08h 4 data.
  it('encodes a read of register 0 of LD 1', () => {
    const req = { ppb_id: 2, field_1: 0xf000, ld_id: 1, transaction_data: 0 };
    assert.deepEqual(
      [...sendLdCxlioConfigRequest.encodeRequest(req)],
      [...hex('02 00 f0 00 01 00 00 00 00 00 00 00')],
    );
    assert.equal(sendLdCxlioConfigRequest.response.decode(hex('36 1b 93 0d')).return_data, 0x0d931b36);
  });
});

describe('Send LD CXL.io Memory Request (5302h)', () => {
  // Packed as libcxlmi: 00h port, 01h 2 flags, 03h 2 LD id, 05h 2 length, 07h 8 address, 0Fh data.
  it('encodes a 4-byte write', () => {
    const req = {
      port_id: 2,
      field_1: 0x800f,
      ld_id: 1,
      transaction_len: 4,
      transaction_addr: 0x1000n,
      transaction_data: hex('aa bb cc dd'),
    };
    assert.deepEqual(
      [...sendLdCxlioMemRequest.encodeRequest(req)],
      [...hex('02 0f 80 01 00 04 00 00 10 00 00 00 00 00 00 aa bb cc dd')],
    );
  });
  it('decodes return size and data', () => {
    const v = sendLdCxlioMemRequest.response.decode(hex('04 00 00 00 11 22 33 44'));
    assert.equal(v.return_size, 4);
    assert.deepEqual([...v.return_data], [0x11, 0x22, 0x33, 0x44]);
    assert.throws(() => sendLdCxlioMemRequest.response.decode(hex('08 00 00 00 11 22')), CxlmiDecodeError);
  });
});
