import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bgOpStatus,
  getResponseMsgLimit,
  identify,
  requestBgOpAbort,
  setResponseMsgLimit,
} from '../../../src/commands/generic/info-status.js';
import { CxlmiDecodeError } from '../../../src/errors.js';

// CXL r3.1 Table 8-38, Identify Output Payload:
//   00h 2 PCIe Vendor ID, 02h 2 PCIe Device ID, 04h 2 PCIe Subsystem Vendor ID, 06h 2 PCIe Subsystem ID,
//   08h 8 Device Serial Number, 10h 1 Max Supported Message Size, 11h 1 Component Type (r3.0+)
const IDENTIFY_R31 = Uint8Array.from([
  0x86, 0x80, 0x93, 0x0d, 0xf4, 0x1a, 0x01, 0x00, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x0b, 0x03,
]);

describe('Identify (0001h)', () => {
  it('is opcode 0001h in the generic set with no request payload', () => {
    assert.equal(identify.opcode, 0x0001);
    assert.equal(identify.request, null);
    assert.equal(identify.encodeRequest(undefined).length, 0);
    assert.equal(identify.compatName, 'cxlmi_cmd_identify');
  });

  it('decodes a CXL r3.1 response', () => {
    assert.deepEqual(identify.response.decode(IDENTIFY_R31), {
      vendor_id: 0x8086,
      device_id: 0x0d93,
      subsys_vendor_id: 0x1af4,
      subsys_id: 0x0001,
      serial_num: 0x0102030405060708n,
      max_msg_size: 0x0b,
      component_type: 0x03,
    });
  });

  it('decodes a CXL 2.0 response, which has no Component Type', () => {
    const v = identify.response.decode(IDENTIFY_R31.subarray(0, 17));
    assert.equal(v.component_type, undefined);
    assert.equal(v.max_msg_size, 0x0b);
  });

  it('rejects a response cut inside the serial number, naming the field', () => {
    assert.throws(
      () => identify.response.decode(IDENTIFY_R31.subarray(0, 12), 'identify'),
      (e: unknown) => e instanceof CxlmiDecodeError && e.command === 'identify' && e.field === 'serial_num',
    );
  });

  it('encodes the device side to the same bytes', () => {
    assert.deepEqual(
      [...identify.response.encode(identify.response.decode(IDENTIFY_R31))],
      [...IDENTIFY_R31],
    );
  });
});

describe('Background Operation Status (0002h)', () => {
  // CXL r3.1 Table 8-40: 00h 1 status (bit 0 in progress, bits 7:1 percent complete), 01h 1 reserved,
  // 02h 2 command opcode, 04h 2 return code, 06h 2 vendor specific extended status.
  it('decodes status, opcode, return code and vendor status', () => {
    const v = bgOpStatus.response.decode(
      Uint8Array.from([(42 << 1) | 1, 0, 0x00, 0x44, 0x00, 0x00, 0x34, 0x12]),
    );
    assert.equal(v.opcode, 0x4400);
    assert.equal(v.returncode, 0);
    assert.equal(v.vendor_ext_status, 0x1234);
    assert.deepEqual(v.status_bits, { in_progress: true, percent_complete: 42 });
    assert.equal(bgOpStatus.response.size, 8);
  });
});

describe('Get / Set Response Message Limit (0003h / 0004h)', () => {
  it('get decodes the 1-byte exponent (Table 8-40)', () => {
    assert.equal(getResponseMsgLimit.response.decode(Uint8Array.of(0x0a)).limit, 10);
  });

  it('set encodes its request and decodes the granted limit (Tables 8-41, 8-42)', () => {
    assert.deepEqual([...setResponseMsgLimit.encodeRequest({ limit: 9 })], [0x09]);
    assert.equal(setResponseMsgLimit.response.decode(Uint8Array.of(0x08)).limit, 8);
  });

  it('an empty response is a decode error naming the command', () => {
    assert.throws(
      () => setResponseMsgLimit.response.decode(new Uint8Array(0), 'set_response_msg_limit'),
      (e: unknown) =>
        e instanceof CxlmiDecodeError && e.command === 'set_response_msg_limit' && e.field === 'limit',
    );
  });
});

describe('Request Abort Background Operation (0005h)', () => {
  it('has no payloads and keeps the reference example spelling as an alias', () => {
    assert.equal(requestBgOpAbort.opcode, 0x0005);
    assert.equal(requestBgOpAbort.request, null);
    assert.equal(requestBgOpAbort.response, null);
    assert.deepEqual(requestBgOpAbort.aliases, ['cxlmi_cmd_request_bg_operation_abort']);
  });
});
