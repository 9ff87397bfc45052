/** Events command set (CXL r3.1 §8.2.9.2): request encodings and response decodings from hand-written bytes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clearEventRecords,
  eventNotification,
  getEventInterruptPolicy,
  getEventRecords,
  getMctpEventInterruptPolicy,
  setEventInterruptPolicy,
  setMctpEventInterruptPolicy,
} from '../../../src/commands/generic/events.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

// Table 8-53 output header, then two records in the Common Event Record format of Table 8-43.
const GET_RECORDS = hex(`
  03 00                     # 00h flags: overflow, more records; 01h reserved
  05 00                     # 02h overflow error count 5
  08 07 06 05 04 03 02 01   # 04h first overflow timestamp
  18 17 16 15 14 13 12 11   # 0Ch last overflow timestamp
  02 00                     # 14h record count 2
  ${zeros(10)}              # 16h reserved
  fb cd 0a 77 c2 60 41 7f 85 a9 08 8b 16 21 eb a6   # record 1: General Media UUID
  80                        # 10h length
  09 00 00                  # 11h flags: severity warning, maintenance needed
  07 00 00 00               # 14h handle 7, 16h related handle 0
  00 ca 9a 3b 00 00 00 00   # 18h timestamp 1 s
  00 00 00 00 00            # 20h class, subclass, 22h LD-ID, 24h head ID
  ${zeros(0xb)}             # 25h reserved
  41 56 34 12 00 00 00 00 01 00 01 03 00 02 01 10 00 00   # 30h data: address .. device
  ${zeros(0x50 - 18)}
  11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 00   # record 2: a vendor UUID
  80 00 00 00 08 00 07 00   # length, flags, handle 8, related handle 7
  ${zeros(8)} 00 00 03 00 02  # timestamp 0, class, subclass, LD-ID 3, head 2
  ${zeros(0xb)}
  ${'ab'.repeat(0x50)}`);

describe('Get Event Records (0100h)', () => {
  it('encodes the event log selector (Table 8-52)', () => {
    assert.deepEqual([...getEventRecords.encodeRequest({ event_log: 3 })], [3]);
  });

  it('decodes the header, every record and each record by its UUID (Tables 8-53, 8-43, 8-45)', () => {
    const r = getEventRecords.response.decode(GET_RECORDS, 'get_event_records');
    assert.deepEqual(r.flags_bits, { overflow: true, more_records: true });
    assert.equal(r.overflow_err_count, 5);
    assert.equal(r.first_overflow_timestamp, 0x0102030405060708n);
    assert.equal(r.last_overflow_timestamp, 0x1112131415161718n);
    assert.equal(r.record_count, 2);
    const [a, b] = r.records;
    assert.equal(a.uuid, 'fbcd0a77-c260-417f-85a9-088b1621eba6');
    assert.equal(a.length, 0x80);
    assert.equal(a.flags_bits.severity, 1);
    assert.equal(a.flags_bits.maintenance_needed, true);
    assert.equal(a.handle, 7);
    assert.equal(a.timestamp, 1_000_000_000n);
    assert.equal(a.data.length, 0x50);
    assert.equal(a.event.kind, 'general_media');
    if (a.event.kind === 'general_media') {
      assert.equal(a.event.phys_addr, 0x12345641n);
      assert.equal(a.event.transaction_type, 1);
      assert.equal(a.event.channel, 2);
      assert.equal(a.event.rank, 1);
      assert.equal(a.event.device, 0x10);
    }
    assert.equal(b.handle, 8);
    assert.equal(b.related_handle, 7);
    assert.equal(b.ld_id, 3);
    assert.equal(b.head_id, 2);
    assert.equal(b.event.kind, 'unknown');
    if (b.event.kind === 'unknown') assert.equal(b.event.data[0], 0xab);
  });

  it('a count larger than the records that arrived is a decode error, not a short list', () => {
    const cut = GET_RECORDS.subarray(0, 0x20 + 0x80 + 0x40);
    assert.throws(
      () => getEventRecords.response.decode(cut, 'get_event_records'),
      (e: unknown) => e instanceof CxlmiDecodeError && e.command === 'get_event_records',
    );
  });

  it('a response cut inside the header names the field', () => {
    assert.throws(
      () => getEventRecords.response.decode(GET_RECORDS.subarray(0, 0x15), 'get_event_records'),
      (e: unknown) => e instanceof CxlmiDecodeError && e.field === 'record_count',
    );
  });
});

describe('Clear Event Records (0101h)', () => {
  it('encodes the handles after the 6-byte header (Table 8-54)', () => {
    const req = clearEventRecords.encodeRequest({
      event_log: 1,
      clear_flags: 0,
      nr_recs: 2,
      handles: [0x0007, 0x0102],
    });
    assert.deepEqual([...req], [0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00, 0x02, 0x01]);
  });

  it('encodes Clear All Events with no handles', () => {
    const req = clearEventRecords.encodeRequest({ event_log: 0, clear_flags: 1, nr_recs: 0, handles: [] });
    assert.deepEqual([...req], [0, 1, 0, 0, 0, 0]);
  });
});

describe('Event Interrupt Policy (0102h / 0103h)', () => {
  it('decodes mode and message number of each log, DCD included (Table 8-55)', () => {
    const r = getEventInterruptPolicy.response.decode(hex('01 21 02 00 11'));
    assert.deepEqual(r.informational_settings_bits, { interrupt_mode: 1, message_number: 0 });
    assert.deepEqual(r.warning_settings_bits, { interrupt_mode: 1, message_number: 2 });
    assert.equal(r.failure_settings_bits.interrupt_mode, 2);
    assert.equal(r.fatal_settings, 0);
    assert.equal(r.dcd_settings, 0x11);
  });

  it('decodes a CXL 2.0 device, which has no Dynamic Capacity byte', () => {
    const r = getEventInterruptPolicy.response.decode(hex('01 01 01 01'));
    assert.equal(r.dcd_settings, undefined);
  });

  it('encodes the set request with and without the DCD byte (Table 8-56)', () => {
    const full = {
      informational_settings: 1,
      warning_settings: 0x21,
      failure_settings: 2,
      fatal_settings: 0,
    };
    assert.deepEqual(
      [...setEventInterruptPolicy.encodeRequest({ ...full, dcd_settings: 1 })],
      [1, 0x21, 2, 0, 1],
    );
    assert.deepEqual([...setEventInterruptPolicy.encodeRequest(full)], [1, 0x21, 2, 0]);
  });
});

describe('MCTP Event Interrupt Policy (0104h / 0105h) and Event Notification (0106h)', () => {
  it('decodes the settings bitmask (Table 8-57)', () => {
    const r = getMctpEventInterruptPolicy.response.decode(hex('05 80'));
    assert.deepEqual(r.event_interrupt_settings_bits, {
      informational: true,
      warning: false,
      failure: true,
      fatal: false,
      dynamic_capacity: false,
      background_operation: true,
    });
  });

  it('set encodes 2 bytes; its echoed output may be absent (libcxlmi ignores it)', () => {
    assert.deepEqual(
      [...setMctpEventInterruptPolicy.encodeRequest({ event_interrupt_settings: 0x801f })],
      [0x1f, 0x80],
    );
    assert.equal(
      setMctpEventInterruptPolicy.response.decode(new Uint8Array(0)).event_interrupt_settings,
      undefined,
    );
    assert.equal(setMctpEventInterruptPolicy.response.decode(hex('01 00')).event_interrupt_settings, 1);
  });

  it('event notification encodes the event bitmask (Table 8-58)', () => {
    assert.deepEqual([...eventNotification.encodeRequest({ event: 0x8002 })], [0x02, 0x80]);
  });
});
