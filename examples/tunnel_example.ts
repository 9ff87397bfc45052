/**
 * Port of the reference's tunnel_example: tunnel Identify to an LD of an MLD, through switch
 * ports, through a switch port to an LD (two levels), and to the LD-pool CCI of a multi-headed
 * device. Errors are expected where the topology lacks a target.
 *   npm run example -- tunnel_example --emulate
 *   npm run example -- tunnel_example mctp:11,8
 */
import * as cxlmi from '../src/compat/index.js';
import type { Endpoint } from '../src/index.js';
import type { TunnelInfo } from '../src/transport/tunnel-info.js';
import { openFabricTargets } from './_fabric_target.js';

const hex = (v: number | bigint, w: number) => v.toString(16).padStart(w, '0');

async function identify_through(ep: Endpoint, ti: TunnelInfo, serial: boolean): Promise<number> {
  try {
    const ident = cxlmi.cxlmi_cmd_identify();
    await cxlmi.cxlmi_cmd_identify(ep, ti, ident);
    console.log(`  Vendor ID:    0x${hex(ident.vendor_id, 4)}`);
    console.log(`  Device ID:    0x${hex(ident.device_id, 4)}`);
    if (serial) console.log(`  Serial:       0x${hex(ident.serial_num, 16)}`);
    return 0;
  } catch (e) {
    console.log(`  Error: ${(e as Error).message}`);
    return -1;
  } finally {
    cxlmi.cxlmi_tunnel_free(ti);
  }
}

/** Tunnel Identify to an LD in an MLD. */
function example_tunnel_to_mld(ep: Endpoint, ld_id: number): Promise<number> {
  console.log(`\nTunneling to LD ${ld_id} in MLD:`);
  return identify_through(ep, cxlmi.cxlmi_tunnel_mld(ld_id), true);
}

/** Tunnel Identify through a switch port. */
function example_tunnel_to_switch_port(ep: Endpoint, port: number): Promise<number> {
  console.log(`\nTunneling through Switch port ${port}:`);
  return identify_through(ep, cxlmi.cxlmi_tunnel_switch(port), false);
}

/** Two levels: through a switch port, then to an LD of the MLD there. */
function example_tunnel_switch_to_mld(ep: Endpoint, port: number, ld_id: number): Promise<number> {
  console.log(`\nTunneling through Switch port ${port} to LD ${ld_id}:`);
  return identify_through(ep, cxlmi.cxlmi_tunnel_switch_mld(port, ld_id), false);
}

/** Tunnel to the LD-pool CCI of a multi-headed device. */
function example_tunnel_to_mhd(ep: Endpoint): Promise<number> {
  console.log('\nTunneling to MHD LD Pool:');
  return identify_through(ep, cxlmi.cxlmi_tunnel_mhd(), false);
}

export async function main(argv: string[]): Promise<number> {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    const t = await openFabricTargets(ctx, argv);
    console.log('CXL Command Tunneling Examples');
    console.log('='.repeat(50));

    // Example 1: tunnel to LDs in an MLD
    await example_tunnel_to_mld(t.mld, 0);
    await example_tunnel_to_mld(t.mld, 1);

    // Example 2: tunnel through a switch
    await example_tunnel_to_switch_port(t.switch, 0);
    await example_tunnel_to_switch_port(t.switch, 1);

    // Example 3: multi-level tunneling
    await example_tunnel_switch_to_mld(t.switch, 2, 0);

    // Example 4: MHD tunneling
    await example_tunnel_to_mhd(t.mhd);

    console.log("\nNote: Errors are expected if the device doesn't support");
    console.log('      the tunneling configuration being tested.');
    return 0;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
