/**
 * Port of the reference's fmapi_get_dc_region_extent_list example: ask a DCD, over FM-API, for
 * the dynamic capacity extents host 0 holds, and print them. With no target it scans MCTP and asks
 * every endpoint found.
 *   npm run example -- fmapi_get_dc_region_extent_list --emulate
 *   npm run example -- fmapi_get_dc_region_extent_list mctp:12,8
 */

import type { Endpoint } from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
import { openFabricTargets } from './_fabric_target.js';

async function send_fmapi_commands(ep: Endpoint): Promise<number> {
  try {
    const req = cxlmi.cxlmi_cmd_fmapi_get_dc_region_ext_list_req();
    req.host_id = 0;
    req.extent_count = 5;
    req.start_ext_index = 0;
    const rsp = cxlmi.cxlmi_cmd_fmapi_get_dc_region_ext_list_rsp();

    await cxlmi.cxlmi_cmd_fmapi_get_dc_region_ext_list(ep, null, req, rsp);

    console.log(`Total Extents: ${rsp.total_extents}`);
    console.log(`Extents Returned: ${rsp.extents_returned}`);
    console.log(`Extent Starting Index: ${rsp.start_ext_index}`);
    for (let i = 0; i < rsp.extents_returned; i++) {
      const ext = rsp.extents[i];
      console.log(`Extent ${i}:`);
      console.log(`  Start DPA: 0x${ext.start_dpa.toString(16)}`);
      console.log(`  Length: 0x${ext.len.toString(16)}`);
    }
    console.log('Done');
    return 0;
  } catch (e) {
    console.log(`Bad rc: ${(e as Error).message}`);
    return 1;
  }
}

export async function main(argv: string[]): Promise<number> {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    const t = await openFabricTargets(ctx, argv);
    // The emulated fabric's DCD is the multi-headed device; elsewhere ask every endpoint opened.
    const targets = argv[0]?.startsWith('--emulate') ? [t.mhd] : t.all;
    let rc = 0;
    for (const ep of targets) rc ||= await send_fmapi_commands(ep);
    return rc;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
