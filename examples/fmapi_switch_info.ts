/**
 * Port of the reference's fmapi_switch_info example: check that the endpoint takes FM-API
 * commands, identify the switch, then show the state of every active physical port.
 *   npm run example -- fmapi_switch_info --emulate
 *   npm run example -- fmapi_switch_info mctp:11,8
 */
import * as cxlmi from '../src/compat/index.js';
import type { Endpoint } from '../src/index.js';
import { openFabricTargets } from './_fabric_target.js';

// CXL r3.1 Table 7-19 encodings.
const CONFIG_STATES: Record<number, string> = {
  0: 'Disabled',
  1: 'Bind in progress',
  2: 'Unbind in progress',
  3: 'DSP',
  4: 'USP',
  5: 'Fabric link',
  15: 'Invalid port',
};
const DEVICE_TYPES: Record<number, string> = {
  0: 'No device',
  1: 'PCIe device',
  2: 'CXL Type 1',
  3: 'CXL Type 2',
  4: 'CXL Type 3 SLD',
  5: 'CXL Type 3 MLD',
};
const LTSSM = [
  'Detect',
  'Polling',
  'Configuration',
  'Recovery',
  'L0',
  'L0s',
  'L1',
  'L2',
  'Disabled',
  'Loopback',
  'Hot Reset',
];

async function show_switch_info(ep: Endpoint): Promise<number> {
  if (!cxlmi.cxlmi_endpoint_has_fmapi(ep)) {
    console.log(`${ep.description}: FM-API is not supported`);
    return -1;
  }
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
    console.log(`    Config State:         ${CONFIG_STATES[p.config_state & 0xf] ?? 'Reserved'}`);
    console.log(`    Connected Device:     ${DEVICE_TYPES[p.conn_dev_type] ?? 'Reserved'}`);
    console.log(`    Link Width:           x${p.negotiated_link_width} (max x${p.max_link_width})`);
    console.log(`    Link Speed:           ${p.current_link_speed} (max ${p.max_link_speed})`);
    console.log(`    LTSSM State:          ${LTSSM[p.ltssm_state] ?? 'Reserved'}`);
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
