/** The reference's Generic Component functions: every name exists, and the specials behave as libcxlmi's. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cxlmi from '../../src/compat/index.js';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { CxlmiCommandError, CxlmiUsageError } from '../../src/errors.js';

// The "Generic Component Commands" list of the reference (python-bindings.md).
const REFERENCE = [
  'identify',
  'bg_op_status',
  'get_response_msg_limit',
  'set_response_msg_limit',
  'request_bg_op_abort',
  'get_event_records',
  'clear_event_records',
  'get_event_interrupt_policy',
  'set_event_interrupt_policy',
  'get_mctp_event_interrupt_policy',
  'set_mctp_event_interrupt_policy',
  'event_notification',
  'get_fw_info',
  'transfer_fw',
  'activate_fw',
  'get_timestamp',
  'set_timestamp',
  'get_supported_logs',
  'get_log',
  'get_log_cel',
  'get_log_capabilities',
  'clear_log',
  'populate_log',
  'get_supported_logs_sublist',
  'get_supported_features',
  'get_feature',
  'set_feature',
  'vendor_specific',
].map((n) => `cxlmi_cmd_${n}`);

const CEL = '0da9c0b5-bf41-4b78-8f79-96b1623b3f17';

async function open() {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  const dev = new Type3Device();
  const ep = await ctx.openTransport(emulatorTransport(dev));
  return { ctx, dev, ep };
}

describe('compat: Generic Component commands', () => {
  it('exports every function the reference lists, and both spellings of background-operation abort', () => {
    const names = cxlmi as unknown as Record<string, unknown>;
    for (const n of [...REFERENCE, 'cxlmi_cmd_request_bg_operation_abort']) {
      assert.equal(typeof names[n], 'function', n);
    }
    assert.equal(cxlmi.cxlmi_cmd_request_bg_operation_abort, cxlmi.cxlmi_cmd_request_bg_op_abort);
  });

  it('ports the reference event example: request structure in, response structure filled', async () => {
    const { ctx, dev, ep } = await open();
    try {
      dev.generic.events.injectRaw('11223344-5566-7788-99aa-bbccddeeff00', new Uint8Array(0x50).fill(7));
      const req = cxlmi.cxlmi_cmd_get_event_records_req();
      req.event_log = cxlmi.CXLMI_EVENT_LOG_INFO;
      const rsp = cxlmi.cxlmi_cmd_get_event_records_rsp();
      await cxlmi.cxlmi_cmd_get_event_records(ep, null, req, rsp);
      assert.equal(rsp.record_count, 1);
      assert.equal(rsp.records[0].handle, 1);
      await cxlmi.cxlmi_cmd_request_bg_operation_abort(ep, null);
    } finally {
      await cxlmi.cxlmi_free_ctx(ctx);
    }
  });

  it('cxlmi_cmd_get_log copies the log into a byte buffer; get_log_cel fills an entry array', async () => {
    const { ctx, ep } = await open();
    try {
      const buf = new Uint8Array(8);
      await cxlmi.cxlmi_cmd_get_log(ep, null, { uuid: CEL, offset: 0, length: 8 }, buf);
      assert.deepEqual([...buf], [0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00]); // Identify, BG status, no effects
      const entries = [cxlmi.cxlmi_cmd_get_log_cel()];
      const req = cxlmi.cxlmi_cmd_get_log_req();
      req.uuid = CEL;
      req.length = 12;
      await cxlmi.cxlmi_cmd_get_log_cel(ep, null, req, entries);
      assert.deepEqual(
        entries.map((e) => [e.opcode, e.command_effect]),
        [
          [0x0001, 0],
          [0x0002, 0],
          [0x0003, 0],
        ],
      );
      assert.equal(cxlmi.cxlmi_cmd_get_log_cel_rsp().opcode, 0);
    } finally {
      await cxlmi.cxlmi_free_ctx(ctx);
    }
  });

  it('cxlmi_cmd_vendor_specific checks the opcode range and the buffer sizes like libcxlmi', async () => {
    const { ctx, ep } = await open();
    try {
      await assert.rejects(
        cxlmi.cxlmi_cmd_vendor_specific(ep, null, 0x4000, null, 0, null, 0),
        CxlmiUsageError,
      );
      await assert.rejects(
        cxlmi.cxlmi_cmd_vendor_specific(ep, null, 0xc000, new Uint8Array(4), 0, null, 0),
        CxlmiUsageError,
      );
      await assert.rejects(
        cxlmi.cxlmi_cmd_vendor_specific(ep, null, 0xc000, null, 0, new Uint8Array(2), 4),
        CxlmiUsageError,
      );
      const err = await cxlmi
        .cxlmi_cmd_vendor_specific(ep, null, 0xc123, Uint8Array.of(9), 1, null, 0)
        .catch((e) => e);
      assert.ok(err instanceof CxlmiCommandError);
      assert.equal(err.opcode, 0xc123);
      assert.equal(err.retcode, cxlmi.CXLMI_RET_UNSUPPORTED);
    } finally {
      await cxlmi.cxlmi_free_ctx(ctx);
    }
  });

  it('transfer and activate firmware with the reference structures', async () => {
    const { ctx, dev, ep } = await open();
    try {
      const req = cxlmi.cxlmi_cmd_transfer_fw_req();
      req.action = 0;
      req.slot = 2;
      req.data = new TextEncoder().encode('compat-fw\0');
      const r = await cxlmi.cxlmi_cmd_transfer_fw(ep, null, req);
      assert.equal(r, cxlmi.CXLMI_RET_BACKGROUND);
      while (dev.background.running) await new Promise((res) => setTimeout(res, 20));
      const info = cxlmi.cxlmi_cmd_get_fw_info();
      await cxlmi.cxlmi_cmd_get_fw_info(ep, null, info);
      assert.equal(info.fw_rev2, 'compat-fw');

      // libcxlmi's data_sz: only the first data_sz bytes of req.data go to the device.
      req.slot = 3;
      req.data = new TextEncoder().encode('short\0 and the rest is not sent');
      await cxlmi.cxlmi_cmd_transfer_fw(ep, null, req, 6);
      while (dev.background.running) await new Promise((res) => setTimeout(res, 20));
      await cxlmi.cxlmi_cmd_get_fw_info(ep, null, info);
      assert.equal(info.fw_rev3, 'short');
      assert.equal(dev.generic.firmware.slots[2]?.image.length, 6);
      await assert.rejects(cxlmi.cxlmi_cmd_transfer_fw(ep, null, req, 999), RangeError);
    } finally {
      await cxlmi.cxlmi_free_ctx(ctx);
    }
  });
});
