/** The emulated device's event logs and interrupt policies (CXL r3.1 §8.2.9.2). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENT_RECORD_KINDS, type EventRecordKind } from '../../../src/commands/generic/events/kinds.js';
import { CXLMI_RET_HANDLE, CXLMI_RET_INPUT, CXLMI_RET_PAYLOADLEN } from '../../../src/protocol/retcodes.js';
import { retcodeOf, rig } from './setup.js';

const GM = {
  phys_addr: 0x2000n,
  descriptor: 1,
  type: 0,
  transaction_type: 2,
  validity_flags: 3,
  channel: 1,
  rank: 0,
  device: 0,
  component_id: new Uint8Array(16),
  cme_threshold_ev_flags: 0,
  cme_count: 0,
  sub_type: 0,
};

describe('emulated event logs', () => {
  it('returns records oldest first with nonzero handles, the device timestamp and decoded data', async () => {
    const r = await rig();
    try {
      await r.ep.setTimestamp({ timestamp: 1_000_000_000n });
      r.advance(5);
      r.dev.generic.events.inject('general_media', GM, { log: 1, flags: 0x09 });
      r.dev.generic.events.inject('general_media', { ...GM, channel: 2 }, { log: 1 });
      const rsp = await r.ep.getEventRecords({ event_log: 1 });
      assert.equal(rsp.record_count, 2);
      assert.equal(rsp.flags, 0);
      assert.deepEqual(
        rsp.records.map((x) => x.handle),
        [1, 2],
      );
      assert.equal(rsp.records[0].timestamp, 1_005_000_000n);
      assert.equal(rsp.records[0].flags_bits.maintenance_needed, true);
      const e = rsp.records[1].event;
      assert.equal(e.kind === 'general_media' && e.channel, 2);
      assert.equal((await r.ep.getEventRecords({ event_log: 0 })).record_count, 0);
    } finally {
      await r.close();
    }
  });

  it('clears by handle in temporal order and refuses anything else without clearing', async () => {
    const r = await rig();
    try {
      for (let i = 0; i < 3; i++) r.dev.generic.events.inject('general_media', GM);
      const clear = (handles: number[]) =>
        r.ep.clearEventRecords({ event_log: 0, clear_flags: 0, nr_recs: handles.length, handles });
      assert.equal(await retcodeOf(clear([2])), CXLMI_RET_HANDLE);
      assert.equal(await retcodeOf(clear([0])), CXLMI_RET_HANDLE);
      assert.equal(await retcodeOf(clear([1, 3])), CXLMI_RET_HANDLE);
      assert.equal(await retcodeOf(clear([1, 2, 3, 4])), CXLMI_RET_HANDLE);
      assert.equal((await r.ep.getEventRecords({ event_log: 0 })).record_count, 3);
      await clear([1, 2]);
      const left = await r.ep.getEventRecords({ event_log: 0 });
      assert.deepEqual(
        left.records.map((x) => x.handle),
        [3],
      );
    } finally {
      await r.close();
    }
  });

  it('overflows at capacity, reports it, and Clear All is only allowed then', async () => {
    const r = await rig({ generic: { events: { capacity: 2 } } });
    try {
      await r.ep.setTimestamp({ timestamp: 100n });
      assert.equal(
        await retcodeOf(r.ep.clearEventRecords({ event_log: 2, clear_flags: 1, nr_recs: 0, handles: [] })),
        CXLMI_RET_INPUT,
      );
      for (let i = 0; i < 5; i++) {
        r.dev.generic.events.inject('memory_module', memoryModule(), { log: 2 });
        r.advance(1);
      }
      const rsp = await r.ep.getEventRecords({ event_log: 2 });
      assert.equal(rsp.record_count, 2);
      assert.deepEqual(rsp.flags_bits, { overflow: true, more_records: false });
      assert.equal(rsp.overflow_err_count, 3);
      assert.equal(rsp.first_overflow_timestamp, 2_000_100n);
      assert.equal(rsp.last_overflow_timestamp, 4_000_100n);
      // Clear All must come with no handles.
      assert.equal(
        await retcodeOf(r.ep.clearEventRecords({ event_log: 2, clear_flags: 1, nr_recs: 1, handles: [1] })),
        CXLMI_RET_INPUT,
      );
      await r.ep.clearEventRecords({ event_log: 2, clear_flags: 1, nr_recs: 0, handles: [] });
      const after = await r.ep.getEventRecords({ event_log: 2 });
      assert.equal(after.record_count, 0);
      assert.equal(after.flags, 0);
    } finally {
      await r.close();
    }
  });

  it('returns only what fits the response message limit and sets More Event Records', async () => {
    const r = await rig();
    try {
      for (let i = 0; i < 3; i++) r.dev.generic.events.inject('general_media', GM);
      await r.ep.setResponseMsgLimit({ limit: 8 }); // 256 bytes: the 20h header and one record
      const rsp = await r.ep.getEventRecords({ event_log: 0 });
      assert.equal(rsp.record_count, 1);
      assert.equal(rsp.flags_bits.more_records, true);
    } finally {
      await r.close();
    }
  });

  it('answers Invalid Input for a log that does not exist and Invalid Payload Length for short handle lists', async () => {
    const r = await rig();
    try {
      assert.equal(await retcodeOf(r.ep.getEventRecords({ event_log: 5 })), CXLMI_RET_INPUT);
      // nr_recs says 2 but one handle follows the 6-byte header (Table 8-54).
      const rsp = await r.ep.request(0x0101, Uint8Array.of(0, 0, 2, 0, 0, 0, 1, 0));
      assert.equal(rsp.retcode, CXLMI_RET_PAYLOADLEN);
    } finally {
      await r.close();
    }
  });

  it('stores every kind the spec defines and returns each decoded as its kind', async () => {
    const r = await rig();
    try {
      const kinds = Object.keys(EVENT_RECORD_KINDS) as EventRecordKind[];
      for (const k of kinds) r.dev.generic.events.inject(k, {}, { log: 3 });
      const got = await r.ep.getEventRecords({ event_log: 3 });
      assert.deepEqual(
        got.records.map((x) => x.event.kind),
        kinds,
      );
      r.dev.generic.events.inject('dynamic_capacity', dcEvent(), { log: 4 });
      const [rec] = (await r.ep.getEventRecords({ event_log: 4 })).records;
      assert.equal(rec.uuid, 'ca95afa7-f183-4018-8c2f-95268e101a2a');
      assert.equal(rec.event.kind, 'dynamic_capacity');
      if (rec.event.kind === 'dynamic_capacity') assert.equal(rec.event.extent.length, 0x10000000n);
    } finally {
      await r.close();
    }
  });
});

describe('emulated event interrupt policies', () => {
  it('keeps the settings of each log, DCD optional', async () => {
    const r = await rig();
    try {
      await r.ep.setEventInterruptPolicy({
        informational_settings: 0x21,
        warning_settings: 1,
        failure_settings: 2,
        fatal_settings: 0,
        dcd_settings: 1,
      });
      const p = await r.ep.getEventInterruptPolicy();
      assert.deepEqual(
        [p.informational_settings, p.warning_settings, p.failure_settings, p.fatal_settings, p.dcd_settings],
        [0x21, 1, 2, 0, 1],
      );
      // A CXL 2.0 host sends four bytes: the DCD setting stays as it was.
      await r.ep.setEventInterruptPolicy({
        informational_settings: 0,
        warning_settings: 0,
        failure_settings: 0,
        fatal_settings: 0,
      });
      assert.equal((await r.ep.getEventInterruptPolicy()).dcd_settings, 1);
    } finally {
      await r.close();
    }
  });

  it('refuses reserved modes and payloads shorter than four bytes', async () => {
    const r = await rig();
    try {
      const base = { informational_settings: 0, warning_settings: 0, failure_settings: 0, fatal_settings: 0 };
      assert.equal(
        await retcodeOf(r.ep.setEventInterruptPolicy({ ...base, fatal_settings: 3 })),
        CXLMI_RET_INPUT,
      );
      assert.equal(
        await retcodeOf(r.ep.setEventInterruptPolicy({ ...base, dcd_settings: 2 })),
        CXLMI_RET_INPUT,
      );
      assert.equal((await r.ep.request(0x0103, Uint8Array.of(1, 1, 1))).retcode, CXLMI_RET_PAYLOADLEN);
      assert.equal((await r.ep.getEventInterruptPolicy()).fatal_settings, 0);
    } finally {
      await r.close();
    }
  });

  it('keeps the MCTP event interrupt settings, echoes them, and refuses reserved bits', async () => {
    const r = await rig();
    try {
      const out = await r.ep.setMctpEventInterruptPolicy({ event_interrupt_settings: 0x8003 });
      assert.equal(out.event_interrupt_settings, 0x8003);
      assert.equal((await r.ep.getMctpEventInterruptPolicy()).event_interrupt_settings, 0x8003);
      assert.equal(
        await retcodeOf(r.ep.setMctpEventInterruptPolicy({ event_interrupt_settings: 0x0100 })),
        CXLMI_RET_INPUT,
      );
      await r.ep.eventNotification({ event: 1 });
    } finally {
      await r.close();
    }
  });
});

function memoryModule() {
  return {
    event_type: 1,
    health_status: 0,
    media_status: 0,
    additional_status: 0,
    life_used: 10,
    device_temperature: 45,
    dirty_shutdown_count: 0,
    corrected_volatile_error_count: 0,
    corrected_persistent_error_count: 0,
    validity_flags: 0,
    component_id: new Uint8Array(16),
    event_sub_type: 0,
  };
}

function dcEvent() {
  return {
    event_type: 0,
    validity_flags: 1,
    host_id: 0,
    updated_region_id: 0,
    flags: 0,
    extent: { start_dpa: 0n, length: 0x10000000n, tag: new Uint8Array(16), shared_extn_seq: 0 },
    num_avail_extents: 7,
    num_avail_tags: 0,
  };
}
