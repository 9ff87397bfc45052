import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fmapiCommands } from '../../../src/commands/fmapi/index.js';
import { compatCommands } from '../../../src/compat/commands.js';
import { SwitchDevice } from '../../../src/emulator/fabric/switch.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { Context } from '../../../src/endpoint/context.js';
import type { LinkExchange } from '../../../src/transport/message-link.js';

// The FM-API functions the reference's Python bindings list, spelled exactly.
const REFERENCE = [
  'cxlmi_cmd_fmapi_identify_sw_device',
  'cxlmi_cmd_fmapi_get_phys_port_state',
  'cxlmi_cmd_fmapi_phys_port_control',
  'cxlmi_cmd_fmapi_send_ppb_cxlio_config_request',
  'cxlmi_cmd_fmapi_get_domain_validation_sv_state',
  'cxlmi_cmd_fmapi_set_domain_validation_sv',
  'cxlmi_cmd_fmapi_get_vcs_domain_validation_sv_state',
  'cxlmi_cmd_fmapi_get_domain_validation_sv',
  'cxlmi_cmd_fmapi_bind_vppb',
  'cxlmi_cmd_fmapi_unbind_vppb',
  'cxlmi_cmd_fmapi_send_ld_cxlio_config_request',
  'cxlmi_cmd_fmapi_send_ld_cxlio_mem_request',
  'cxlmi_cmd_fmapi_get_ld_info',
  'cxlmi_cmd_fmapi_get_ld_allocations',
  'cxlmi_cmd_fmapi_set_ld_allocations',
  'cxlmi_cmd_fmapi_get_qos_control',
  'cxlmi_cmd_fmapi_set_qos_control',
  'cxlmi_cmd_fmapi_get_qos_status',
  'cxlmi_cmd_fmapi_get_qos_allocated_bw',
  'cxlmi_cmd_fmapi_set_qos_allocated_bw',
  'cxlmi_cmd_fmapi_get_qos_bw_limit',
  'cxlmi_cmd_fmapi_set_qos_bw_limit',
  'cxlmi_cmd_fmapi_get_multiheaded_info',
  'cxlmi_cmd_fmapi_get_dcd_info',
  'cxlmi_cmd_fmapi_get_dc_reg_config',
  'cxlmi_cmd_fmapi_set_dc_region_config',
  'cxlmi_cmd_fmapi_get_dc_region_ext_list',
  'cxlmi_cmd_fmapi_initiate_dc_add',
  'cxlmi_cmd_fmapi_initiate_dc_release',
  'cxlmi_cmd_fmapi_dc_add_reference',
  'cxlmi_cmd_fmapi_dc_remove_reference',
  'cxlmi_cmd_fmapi_dc_list_tags',
  // beyond the Python list, in libcxlmi.h
  'cxlmi_cmd_fmapi_get_vcs_info',
  'cxlmi_cmd_fmapi_get_head_info',
];

describe('FM-API command table', () => {
  it('has every reference compat name', () => {
    const names = compatCommands as unknown as Record<string, unknown>;
    for (const n of REFERENCE) assert.equal(typeof names[n], 'function', n);
  });

  it('marks every command FM-API, in command sets 51h-56h', () => {
    for (const c of fmapiCommands) {
      assert.equal(c.fmapi, true, c.name);
      assert.equal(c.set, 'fmapi');
      assert.ok(c.opcode >> 8 >= 0x51 && c.opcode >> 8 <= 0x56, c.name);
    }
  });

  it('FM-API commands leave as MCTP message type 0x07, others as 0x08', async () => {
    const seen: boolean[] = [];
    const t = emulatorTransport(new SwitchDevice({ ports: [{ id: 0, kind: 'usp' }], vcs: [] }), {
      fmapi: true,
    });
    const link = (t as unknown as { link: { exchange(m: Uint8Array, x: LinkExchange): Promise<Uint8Array> } })
      .link;
    const exchange = link.exchange.bind(link);
    link.exchange = (m, x) => {
      seen.push(x.fmapi);
      return exchange(m, x);
    };
    const ep = await new Context({ probe: false, log: () => {} }).openTransport(t);
    await ep.identify();
    await ep.identifySwitchDevice();
    assert.deepEqual(seen, [false, true]);
  });
});
