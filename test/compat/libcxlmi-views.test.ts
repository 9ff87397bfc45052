/**
 * The compat layer reads as libcxlmi does: fields libcxlmi reports in bytes hold bytes under its
 * names (libcxlmi src/cxlmi/commands.c multiplies them by CXL_CAPACITY_MULTIPLIER), the native API
 * keeps the spec's 256 MiB units; the SWIG-era spelling `ingres_port_id` is accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as cxlmi from '../../src/compat/index.js';
import { loadTopology } from '../../src/emulator/fabric/index.js';
import { emulatorTransport } from '../../src/emulator/link.js';
import type { Context, Endpoint } from '../../src/index.js';

const GiB = 1n << 30n;
let ctx: Context;
const eps = new Map<string, Endpoint>();

before(async () => {
  ctx = cxlmi.cxlmi_new_ctx(null, 0);
  for (const spec of loadTopology('fabric')) {
    eps.set(spec.name, await ctx.openTransport(emulatorTransport(spec.device, spec.link)));
  }
});
after(() => cxlmi.cxlmi_free_ctx(ctx));

describe('compat units: libcxlmi names mean bytes where libcxlmi gives bytes', () => {
  it('cxlmi_cmd_fmapi_get_dcd_info: total_dynamic_capacity in bytes (native: 256 MiB units)', async () => {
    const mhd = eps.get('mhd0')!;
    const rsp = cxlmi.cxlmi_cmd_fmapi_get_dcd_info();
    await cxlmi.cxlmi_cmd_fmapi_get_dcd_info(mhd, null, rsp);
    assert.equal(rsp.total_dynamic_capacity, 1n * GiB);
    const native = await mhd.getDcdInfo();
    assert.equal(native.total_dynamic_capacity, 4n);
    assert.equal(native.total_dynamic_capacity_bytes, 1n * GiB);
  });

  it('cxlmi_cmd_fmapi_get_dc_reg_config and cxlmi_cmd_memdev_get_dc_config: decode_len in bytes', async () => {
    const mhd = eps.get('mhd0')!;
    const req = cxlmi.cxlmi_cmd_fmapi_get_dc_reg_config_req();
    req.host_id = 0;
    req.region_cnt = 8;
    const rsp = cxlmi.cxlmi_cmd_fmapi_get_dc_reg_config_rsp();
    await cxlmi.cxlmi_cmd_fmapi_get_dc_reg_config(mhd, null, req, rsp);
    assert.equal(rsp.region_configs[0].decode_len, 1n * GiB);
    assert.equal(
      (await mhd.getDcRegConfig({ host_id: 0, region_cnt: 8, start_region_id: 0 })).region_configs[0]
        .decode_len,
      4n,
    );

    const mreq = cxlmi.cxlmi_cmd_memdev_get_dc_config_req();
    mreq.region_cnt = 8;
    const mrsp = cxlmi.cxlmi_cmd_memdev_get_dc_config_rsp();
    await cxlmi.cxlmi_cmd_memdev_get_dc_config(mhd, null, mreq, mrsp);
    assert.equal(mrsp.region_configs[0].decode_len, 1n * GiB);
  });

  it('capacities libcxlmi leaves in units stay in units (memdev identify)', async () => {
    const rsp = cxlmi.cxlmi_cmd_memdev_identify();
    await cxlmi.cxlmi_cmd_memdev_identify(eps.get('mld0')!, null, rsp);
    assert.equal(rsp.total_capacity, 4n);
  });
});

describe('compat aliases: ingres_port_id', () => {
  it('reads and writes ingress_port_id on structures built and filled by compat functions', async () => {
    const sw = eps.get('switch0')!;
    cxlmi.cxlmi_endpoint_enable_fmapi(sw);
    const rsp = cxlmi.cxlmi_cmd_fmapi_identify_sw_device();
    assert.equal(rsp.ingres_port_id, 0);
    rsp.ingres_port_id = 7;
    assert.equal(rsp.ingress_port_id, 7);
    await cxlmi.cxlmi_cmd_fmapi_identify_sw_device(sw, null, rsp);
    assert.equal(rsp.ingres_port_id, rsp.ingress_port_id);
    assert.equal(rsp.ingres_port_id, 0, 'the switch answered port 0');
    const returned = await cxlmi.cxlmi_cmd_fmapi_identify_sw_device(sw, null);
    assert.ok(typeof returned === 'object');
    assert.equal(returned.ingres_port_id, returned.ingress_port_id);
    assert.ok(!Object.keys(returned).includes('ingres_port_id'), 'the alias is not a second field');
  });
});
