import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mediaErrorDpa, mediaErrorSource } from '../../../src/commands/memdev/media-error.js';
import {
  clearPoison,
  clearPoisonReq,
  getPoisonList,
  getPoisonListReq,
  getPoisonListRsp,
  getScanMediaCapabilities,
  getScanMediaCapabilitiesReq,
  getScanMediaCapabilitiesRsp,
  getScanMediaResults,
  getScanMediaResultsRsp,
  injectPoison,
  injectPoisonReq,
  scanMedia,
  scanMediaReq,
} from '../../../src/commands/memdev/media-poison.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

describe('media and poison management (43h)', () => {
  it('has the spec opcodes, names and aliases', () => {
    assert.deepEqual(
      [
        getPoisonList,
        injectPoison,
        clearPoison,
        getScanMediaCapabilities,
        scanMedia,
        getScanMediaResults,
      ].map((c) => c.opcode),
      [0x4300, 0x4301, 0x4302, 0x4303, 0x4304, 0x4305],
    );
    assert.equal(getPoisonList.compatName, 'cxlmi_cmd_get_poison_list');
    assert.deepEqual(getScanMediaCapabilities.aliases, ['cxlmi_cmd_memdev_get_scan_media_capabilities']);
    assert.deepEqual(scanMedia.aliases, ['cxlmi_cmd_memdev_scan_media']);
    assert.deepEqual(getScanMediaResults.aliases, ['cxlmi_cmd_memdev_get_scan_media_results']);
    assert.equal(scanMedia.background, true);
  });

  // Get Poison List input (§8.2.9.9.4.1): start DPA u64, length u64 in 64-byte units.
  it('encodes Get Poison List', () => {
    assert.deepEqual(
      getPoisonListReq.encode({ get_poison_list_phy_addr: 0x1000n, get_poison_list_phy_addr_len: 0x40n }),
      hex('00 10 00 00 00 00 00 00 40 00 00 00 00 00 00 00'),
    );
  });

  // Output: flags u8, reserved u8, overflow timestamp u64, record count u16, reserved[20], then
  // 16-byte Media Error Records (address u64 with source in bits 2:0, length u32 in 64-byte units,
  // reserved u32).
  const poisonRsp = hex(`
    06 00 88 77 66 55 44 33 22 11 02 00 ${zeros(20)}
    43 10 00 00 00 00 00 00  01 00 00 00 00 00 00 00
    c1 00 01 00 00 00 00 00  04 00 00 00 00 00 00 00`);

  it('decodes Get Poison List records and flags', () => {
    const r = getPoisonListRsp.decode(poisonRsp);
    assert.deepEqual(r.poison_list_flags_bits, {
      more_media_error_records: false,
      poison_list_overflow: true,
      scan_media_in_progress: true,
    });
    assert.equal(r.overflow_timestamp, 0x1122334455667788n);
    assert.equal(r.more_err_media_record_cnt, 2);
    assert.equal(r.records.length, 2);
    assert.equal(r.records[0].media_err_addr, 0x1043n);
    assert.equal(mediaErrorDpa(r.records[0].media_err_addr), 0x1040n);
    assert.equal(mediaErrorSource(r.records[0].media_err_addr), 3);
    assert.equal(r.records[0].media_err_len, 1);
    assert.equal(mediaErrorDpa(r.records[1].media_err_addr), 0x100c0n);
    assert.equal(mediaErrorSource(r.records[1].media_err_addr), 1);
    assert.equal(r.records[1].media_err_len, 4);
  });

  it('rejects a poison list whose count claims more records than arrived', () => {
    assert.throws(
      () => getPoisonListRsp.decode(poisonRsp.subarray(0, poisonRsp.length - 16)),
      CxlmiDecodeError,
    );
    assert.throws(() => getPoisonListRsp.decode(poisonRsp.subarray(0, 20)), CxlmiDecodeError);
  });

  // Inject Poison input (§8.2.9.9.4.2): DPA u64. Clear Poison (§8.2.9.9.4.3): DPA u64 + 64 bytes.
  it('encodes Inject and Clear Poison', () => {
    assert.deepEqual(
      injectPoisonReq.encode({ inject_poison_phy_addr: 0x40n }),
      hex('40 00 00 00 00 00 00 00'),
    );
    const data = new Uint8Array(64).fill(0xa5);
    const b = clearPoisonReq.encode({ clear_poison_phy_addr: 0x80n, clear_poison_write_data: data });
    assert.equal(b.length, 72);
    assert.deepEqual(b, hex(`80 00 00 00 00 00 00 00 ${'a5 '.repeat(64)}`));
  });

  // Get Scan Media Capabilities (§8.2.9.9.4.4): DPA u64, length u64 in; estimated ms u32 out.
  it('encodes and decodes Get Scan Media Capabilities', () => {
    assert.deepEqual(
      getScanMediaCapabilitiesReq.encode({
        get_scan_media_capabilities_start_physaddr: 0n,
        get_scan_media_capabilities_physaddr_length: 0x100n,
      }),
      hex('00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00'),
    );
    assert.equal(getScanMediaCapabilitiesRsp.decode(hex('e8 03 00 00')).estimated_scan_media_time, 1000);
  });

  // Scan Media input (§8.2.9.9.4.5, 17 bytes): DPA u64, length u64, flags u8 (bit 0 no event log).
  it('encodes Scan Media', () => {
    assert.deepEqual(
      scanMediaReq.encode({
        scan_media_physaddr: 0x40n,
        scan_media_physaddr_length: 2n,
        scan_media_flags: 1,
      }),
      hex('40 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 01'),
    );
  });

  // Get Scan Media Results output (§8.2.9.9.4.6): restart DPA u64, restart length u64, flags u8,
  // reserved u8, count u16, reserved[12], records.
  it('decodes Get Scan Media Results', () => {
    const r = getScanMediaResultsRsp.decode(
      hex(`00 20 00 00 00 00 00 00  10 00 00 00 00 00 00 00  03 00 01 00 ${zeros(12)}
           00 02 00 00 00 00 00 00  02 00 00 00 00 00 00 00`),
    );
    assert.equal(r.scan_media_restart_physaddr, 0x2000n);
    assert.equal(r.scan_media_restart_physaddr_length, 0x10n);
    assert.deepEqual(r.scan_media_flags_bits, {
      more_media_error_records: true,
      scan_stopped_prematurely: true,
    });
    assert.equal(r.media_error_count, 1);
    assert.equal(r.record[0].media_error_address, 0x200n);
    assert.equal(r.record[0].media_error_length, 2);
    assert.throws(() => getScanMediaResultsRsp.decode(new Uint8Array(31)), CxlmiDecodeError);
  });
});
