/**
 * Port of the reference's fmapi_switch_info example: check that the endpoint takes FM-API
 * commands, identify the switch, then show the state of every active physical port.
 *   npm run example -- fmapi_switch_info --emulate
 *   npm run example -- fmapi_switch_info mctp:11,8
 */

import {
  CONNECTED_DEVICE_TYPE_NAMES,
  codeName,
  type Endpoint,
  LTSSM_STATE_NAMES,
  PORT_CONFIG_STATE_NAMES,
} from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
import { openFabricTargets } from './_fabric_target.js';

async function show_switch_info(ep: Endpoint): Promise<number> {
  if (!cxlmi.cxlmi_endpoint_has_fmapi(ep)) {
    console.log(`${ep.description}: FM-API is not supported`);
    return -1;
  }
  console.log(`${ep.description}: FM-API is supported`);
  cxlmi.cxlmi_endpoint_enable_fmapi(ep);

  const id = cxlmi.cxlmi_cmd_fmapi_identify_sw_device();
  await cxlmi.cxlmi_cmd_fmapi_identify_sw_device(ep, null, id);
  console.log('Switch Identification:');
  console.log(`  Ingress Port ID:        ${id.ingress_port_id}`);
  console.log(`  Physical Ports:         ${id.num_physical_ports}`);
  console.log(`  Virtual CXL Switches:   ${id.num_vcs}`);
  console.log(`  Total vPPBs:            ${id.num_total_vppb}`);
  console.log(`  Active vPPBs:           ${id.num_active_vppb}`);
  console.log(`  HDM Decoders per USP:   ${id.num_hdm_decoder_per_usp}`);

  const ports: number[] = [];
  for (let p = 0; p < 256; p++) if (id.active_port_bitmask[p >> 3] & (1 << (p & 7))) ports.push(p);
  const req = cxlmi.cxlmi_cmd_fmapi_get_phys_port_state_req();
  req.num_ports = ports.length;
  req.ports = Uint8Array.from(ports);
  const rsp = cxlmi.cxlmi_cmd_fmapi_get_phys_port_state_rsp();
  await cxlmi.cxlmi_cmd_fmapi_get_phys_port_state(ep, null, req, rsp);

  console.log(`\nPhysical Port States (${rsp.num_ports} ports):`);
  for (const p of rsp.ports) {
    console.log(`  Port ${p.port_id}:`);
    console.log(`    Config State:         ${codeName(PORT_CONFIG_STATE_NAMES, p.config_state & 0xf)}`);
    console.log(`    Connected Device:     ${codeName(CONNECTED_DEVICE_TYPE_NAMES, p.conn_dev_type)}`);
    console.log(`    Link Width:           x${p.negotiated_link_width} (max x${p.max_link_width})`);
    console.log(`    Link Speed:           ${p.current_link_speed} (max ${p.max_link_speed})`);
    console.log(`    LTSSM State:          ${codeName(LTSSM_STATE_NAMES, p.ltssm_state)}`);
    console.log(`    Supported LDs:        ${p.supported_ld_count}`);
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    const t = await openFabricTargets(ctx, argv);
    return await show_switch_info(t.switch);
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
