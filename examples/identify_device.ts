/**
 * Port of the reference's identify_device example: create a context, open a device (or scan
 * MCTP), send Identify, print what came back and decode the component type.
 *   npm run example -- identify_device --emulate
 *   npm run example -- identify_device mem0
 */

import type { Endpoint } from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
import { openTarget } from './_target.js';

// CXL r3.1 Table 8-38, Component Type.
const COMPONENT_TYPES: Record<number, string> = {
  0: 'CXL Switch',
  3: 'CXL Type 3 Device',
};

async function send_identify(ep: Endpoint): Promise<void> {
  const ident = cxlmi.cxlmi_cmd_identify();
  await cxlmi.cxlmi_cmd_identify(ep, null, ident);
  const hex = (v: number | bigint, w: number) => v.toString(16).padStart(w, '0');
  console.log('CXL Device Identification:');
  console.log(`  Vendor ID:          0x${hex(ident.vendor_id, 4)}`);
  console.log(`  Device ID:          0x${hex(ident.device_id, 4)}`);
  console.log(`  Subsystem Vendor:   0x${hex(ident.subsys_vendor_id, 4)}`);
  console.log(`  Subsystem ID:       0x${hex(ident.subsys_id, 4)}`);
  console.log(`  Serial Number:      0x${hex(ident.serial_num, 16)}`);
  console.log(`  Max Message Size:   ${ident.max_msg_size}`);
  console.log(`  Component Type:     0x${hex(ident.component_type ?? 0, 2)}`);
  console.log(`                      (${COMPONENT_TYPES[ident.component_type ?? -1] ?? 'Unknown'})`);
}

export async function main(argv: string[]): Promise<number> {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    const eps = await openTarget(ctx, argv);
    for (const ep of eps) await send_identify(ep);
    return 0;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
