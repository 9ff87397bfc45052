/**
 * Port of the reference's list_endpoints_mctp example: ask mctpd (over D-Bus) for every CXL
 * endpoint, walk the context's endpoint list, and identify each one. With `--emulate` the
 * endpoints are the emulator's default fabric (a switch, an MLD and a multi-headed device).
 *   npm run example -- list_endpoints_mctp              # scan MCTP through mctpd
 *   npm run example -- list_endpoints_mctp --emulate
 */
import { COMPONENT_TYPE_NAMES, codeName, type Endpoint } from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
import { openFabricTargets } from './_fabric_target.js';

const hex = (v: number | bigint, w: number) => `0x${v.toString(16).padStart(w, '0')}`;

async function show_endpoint(ep: Endpoint): Promise<void> {
  const ident = cxlmi.cxlmi_cmd_identify();
  try {
    await cxlmi.cxlmi_cmd_identify(ep, null, ident);
  } catch (e) {
    console.log(`  ${ep.description}: identify failed: ${(e as Error).message}`);
    return;
  }
  const type =
    ident.component_type === undefined
      ? 'CXL 2.0 device'
      : codeName(COMPONENT_TYPE_NAMES, ident.component_type);
  console.log(`  ${ep.description}:`);
  console.log(`    Vendor ID:      ${hex(ident.vendor_id, 4)}`);
  console.log(`    Device ID:      ${hex(ident.device_id, 4)}`);
  console.log(`    Serial Number:  ${hex(ident.serial_num, 16)}`);
  console.log(`    Component Type: ${type}`);
  console.log(`    FM-API:         ${cxlmi.cxlmi_endpoint_has_fmapi(ep) ? 'yes' : 'no'}`);
}

export async function main(argv: string[]): Promise<number> {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    await openFabricTargets(ctx, argv).catch((e: Error) => {
      if (!/no endpoint/.test(e.message)) throw e;
    });
    let n = 0;
    for (let ep = cxlmi.cxlmi_first_endpoint(ctx); ep; ep = cxlmi.cxlmi_next_endpoint(ctx, ep)) n++;
    console.log(`${n} CXL endpoint(s):`);
    for (let ep = cxlmi.cxlmi_first_endpoint(ctx); ep; ep = cxlmi.cxlmi_next_endpoint(ctx, ep)) {
      await show_endpoint(ep);
    }
    return 0;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
