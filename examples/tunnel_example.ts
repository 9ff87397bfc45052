/**
 * Port of the reference's tunnel_example: tunnel Identify to an LD of an MLD, through switch
 * ports, through a switch port to an LD (two levels), and to the LD-pool CCI of a multi-headed
 * device. Errors are expected where the topology lacks a target.
 *   npm run example -- tunnel_example --emulate
 *   npm run example -- tunnel_example mctp:11,8
 */

import { CONNECTED_DEVICE_TYPE_NAMES, type Endpoint, type TunnelInfo } from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
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

/** CXL r3.1 Table 7-19: Connected Device Type of a CXL Type 3 multi-logical device. */
const MLD = Number(
  Object.entries(CONNECTED_DEVICE_TYPE_NAMES).find(([, name]) => name === 'CXL Type 3 MLD')![0],
);

/** The first switch port with an MLD behind it, from the switch's own port states (FM-API). */
async function find_mld_port(ep: Endpoint): Promise<number | null> {
  try {
    const id = cxlmi.cxlmi_cmd_fmapi_identify_sw_device();
    await cxlmi.cxlmi_cmd_fmapi_identify_sw_device(ep, null, id);
    const ports: number[] = [];
    for (let p = 0; p < 256; p++) if (id.active_port_bitmask[p >> 3] & (1 << (p & 7))) ports.push(p);
    const req = cxlmi.cxlmi_cmd_fmapi_get_phys_port_state_req();
    req.num_ports = ports.length;
    req.ports = Uint8Array.from(ports);
    const rsp = cxlmi.cxlmi_cmd_fmapi_get_phys_port_state_rsp();
    await cxlmi.cxlmi_cmd_fmapi_get_phys_port_state(ep, null, req, rsp);
    return rsp.ports.find((p) => p.conn_dev_type === MLD)?.port_id ?? null;
  } catch (e) {
    console.log(`  (cannot read the switch's ports: ${(e as Error).message})`);
    return null;
  }
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

    // Example 3: multi-level tunneling, through the switch port the MLD is connected to
    const mld_port = await find_mld_port(t.switch);
    if (mld_port === null) console.log('\nNo MLD behind a switch port: skipping the two-level tunnel.');
    else await example_tunnel_switch_to_mld(t.switch, mld_port, 0);

    // Example 4: MHD tunneling
    await example_tunnel_to_mhd(t.mhd);

    console.log("\nNote: Errors are expected if the device doesn't support");
    console.log('      the tunneling configuration being tested.');
    return 0;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
