import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import * as cxlmi from '../../src/compat/index.js';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { CxlmiUnavailableError } from '../../src/errors.js';

describe('compat: the reference API under its names', () => {
  it('exposes the reference constants with their documented values', () => {
    assert.equal(cxlmi.CXLMI_MAX_SUPPORTED_EVENT_RECORDS, 20);
    assert.equal(cxlmi.CXLMI_MAX_SUPPORTED_LOGS, 7);
    assert.equal(cxlmi.CXL_MAILBOX_MAX_PAYLOAD_SIZE, 2048);
    assert.equal(cxlmi.CXLMI_RET_SUCCESS, 0);
    assert.equal(cxlmi.cxlmi_cmd_retcode_tostr(cxlmi.CXLMI_RET_UNSUPPORTED), 'Unsupported');
    assert.equal(cxlmi.CXLMI_EVENT_LOG_INFO, 0);
  });

  it('a command name called with no arguments builds an empty structure', () => {
    const ident = cxlmi.cxlmi_cmd_identify();
    assert.deepEqual(ident, {
      vendor_id: 0,
      device_id: 0,
      subsys_vendor_id: 0,
      subsys_id: 0,
      serial_num: 0n,
      max_msg_size: 0,
      component_type: 0,
    });
    const req = cxlmi.cxlmi_cmd_set_timestamp();
    assert.deepEqual(req, { timestamp: 0n });
    assert.deepEqual(cxlmi.cxlmi_cmd_set_timestamp_req(), { timestamp: 0n });
    assert.deepEqual(cxlmi.cxlmi_cmd_get_timestamp_rsp(), { timestamp: 0n });
  });

  it('ports the reference example: identify fills the structure passed in', async () => {
    const ctx = cxlmi.cxlmi_new_ctx(null, 0);
    const ep = await ctx.openTransport(emulatorTransport(new Type3Device({ vendorId: 0x8086 })));
    const ident = cxlmi.cxlmi_cmd_identify();
    await cxlmi.cxlmi_cmd_identify(ep, null, ident);
    assert.equal(`0x${ident.vendor_id.toString(16).padStart(4, '0')}`, '0x8086');

    const req = cxlmi.cxlmi_cmd_set_timestamp();
    req.timestamp = 1234567890n;
    await cxlmi.cxlmi_cmd_set_timestamp(ep, null, req);
    const ts = cxlmi.cxlmi_cmd_get_timestamp();
    await cxlmi.cxlmi_cmd_get_timestamp(ep, null, ts);
    assert.ok(ts.timestamp >= 1234567890n);
    await cxlmi.cxlmi_free_ctx(ctx);
  });

  it('endpoint configuration, iteration and closing', async () => {
    const ctx = cxlmi.cxlmi_new_ctx(null, 0);
    cxlmi.cxlmi_set_probe_enabled(ctx, false);
    const a = await ctx.openTransport(emulatorTransport(new Type3Device()));
    const b = await ctx.openTransport(emulatorTransport(new Type3Device()));
    assert.equal(cxlmi.cxlmi_first_endpoint(ctx), a);
    assert.equal(cxlmi.cxlmi_next_endpoint(ctx, a), b);
    assert.equal(cxlmi.cxlmi_next_endpoint(ctx, b), null);
    assert.deepEqual([...cxlmi.endpoints(ctx)], [a, b]);
    cxlmi.cxlmi_endpoint_set_timeout(a, 5000);
    assert.equal(cxlmi.cxlmi_endpoint_get_timeout(a), 5000);
    assert.equal(cxlmi.cxlmi_endpoint_has_fmapi(a), false);
    assert.equal(cxlmi.cxlmi_endpoint_enable_fmapi(a), false);
    cxlmi.cxlmi_endpoint_disable_fmapi(a);
    await cxlmi.cxlmi_close(a);
    assert.equal(cxlmi.cxlmi_first_endpoint(ctx), b);
    await cxlmi.cxlmi_free_ctx(ctx);
    assert.equal(cxlmi.cxlmi_first_endpoint(ctx), null);
  });

  it('tunnel descriptors carry libcxlmi’s port/ld/level/mhd values', () => {
    assert.deepEqual({ ...cxlmi.cxlmi_tunnel_mld(2) }, { port: -1, ld: 2, level: 1, mhd: false });
    assert.deepEqual({ ...cxlmi.cxlmi_tunnel_switch(4) }, { port: 4, ld: -1, level: 1, mhd: false });
    assert.deepEqual({ ...cxlmi.cxlmi_tunnel_switch_mld(4, 1) }, { port: 4, ld: 1, level: 2, mhd: false });
    assert.deepEqual({ ...cxlmi.cxlmi_tunnel_mhd() }, { port: -1, ld: -1, level: 1, mhd: true });
    assert.equal(cxlmi.cxlmi_tunnel_free(cxlmi.cxlmi_tunnel_mhd()), undefined);
    assert.throws(() => cxlmi.cxlmi_tunnel_switch(256), RangeError);
    assert.throws(() => cxlmi.cxlmi_tunnel_mld(-1), RangeError);
  });

  it("libcxlmi's structures are built under their C names, nested list entries included", () => {
    // Names from libcxlmi's src/cxlmi/api-types.h whose structure is not a command's _req/_rsp.
    const vppb = cxlmi.cxlmi_cmd_fmapi_vppb_info();
    assert.ok('status' in vppb || Object.keys(vppb).length > 0);
    const hostDc = cxlmi.cxlmi_cmd_fmapi_get_host_dc_region_config_req();
    assert.ok(Object.values(hostDc).every((v) => v === 0 || v === 0n));
    assert.equal(typeof cxlmi.cxlmi_cmd_fmapi_dc_add_ref_req, 'function');
    assert.equal(typeof cxlmi.cxlmi_cmd_memdev_media_ops_dpa_range_list_entry, 'function');
    const rec = cxlmi.cxlmi_event_record();
    assert.equal(rec.handle, 0);
    assert.equal((rec.data as Uint8Array).length, 0x50);
  });

  it('a command function rejects a missing endpoint with TypeError', async () => {
    await assert.rejects(cxlmi.cxlmi_cmd_get_timestamp(undefined as never, null), TypeError);
  });

  it('opening a device or bus that is not there fails with CxlmiUnavailableError naming it', async () => {
    const ctx = cxlmi.cxlmi_new_ctx(null, 0);
    await assert.rejects(
      cxlmi.cxlmi_open(ctx, 'mem4093'),
      (e: unknown) =>
        e instanceof CxlmiUnavailableError &&
        e.code === 'CXLMI_ERR_UNAVAILABLE' &&
        /\/dev\/cxl\/mem4093/.test(e.message) &&
        /ENOENT/.test(e.message),
    );
    const saved = process.env.DBUS_SYSTEM_BUS_ADDRESS;
    process.env.DBUS_SYSTEM_BUS_ADDRESS = 'unix:path=/nonexistent/cxlmi-test-bus';
    try {
      await assert.rejects(
        cxlmi.cxlmi_scan_mctp(ctx),
        (e: unknown) =>
          e instanceof CxlmiUnavailableError && e.message.includes('/nonexistent/cxlmi-test-bus'),
      );
    } finally {
      if (saved === undefined) delete process.env.DBUS_SYSTEM_BUS_ADDRESS;
      else process.env.DBUS_SYSTEM_BUS_ADDRESS = saved;
    }
  });

  it('every compat command function comes from the command table and the generated exports are current', () => {
    for (const name of Object.keys(cxlmi.compatCommands)) {
      assert.equal(typeof (cxlmi as Record<string, unknown>)[name], 'function', name);
    }
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gen-compat.ts', '--check'], {
      stdio: 'pipe',
    });
  });
});
