import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_INPUT, CXLMI_RET_INTERNAL } from '../../../src/protocol/retcodes.js';
import { tunnelSwitch } from '../../../src/transport/tunnel-info.js';
import { lab } from './helpers.js';

const code = (c: number) => (e: unknown) => e instanceof CxlmiCommandError && e.retcode === c;

describe('emulated switch: physical switch commands', () => {
  it('identifies the switch: five ports, one VCS, two bound vPPBs', async () => {
    const sw = await lab().open('switch0');
    const id = await sw.identifySwitchDevice();
    assert.equal(id.num_physical_ports, 5);
    assert.equal(id.num_vcs, 1);
    assert.equal(id.active_port_bitmask[0], 0b11111, 'every port is enabled, the empty one too');
    assert.equal(id.active_vcs_bitmask[0], 1);
    assert.equal(id.num_total_vppb, 4);
    assert.equal(id.num_active_vppb, 2);
  });

  it('reports each port’s state; an unknown port is invalid input', async () => {
    const sw = await lab().open('switch0');
    const st = await sw.getPhysPortState({ num_ports: 4, ports: Uint8Array.from([0, 1, 2, 4]) });
    const [usp, sld, mld, empty] = st.ports;
    assert.equal(usp.config_state, 4);
    assert.equal(sld.config_state, 3);
    assert.equal(sld.conn_dev_type, 4);
    assert.equal(mld.conn_dev_type, 5);
    assert.equal(mld.supported_ld_count, 4);
    assert.equal(sld.ltssm_state, 4, 'L0');
    assert.equal(empty.conn_dev_type, 0);
    assert.equal(empty.ltssm_state, 0, 'detect');
    await assert.rejects(
      sw.getPhysPortState({ num_ports: 1, ports: Uint8Array.from([7]) }),
      code(CXLMI_RET_INPUT),
    );
  });

  it('port control: PERST holds the link down and cuts tunnels; reset is refused meanwhile', async () => {
    const sw = await lab().open('switch0');
    await sw.physPortControl({ ppb_id: 1, port_opcode: 0 });
    const down = (await sw.getPhysPortState({ num_ports: 1, ports: Uint8Array.from([1]) })).ports[0];
    assert.equal(down.link_state_bits.perst, true);
    assert.equal(down.ltssm_state, 0);
    assert.equal(down.negotiated_link_width, 0);
    await assert.rejects(sw.identify({ tunnel: tunnelSwitch(1) }), code(CXLMI_RET_INPUT));
    await assert.rejects(sw.physPortControl({ ppb_id: 1, port_opcode: 0 }), code(CXLMI_RET_INTERNAL));
    await assert.rejects(sw.physPortControl({ ppb_id: 1, port_opcode: 2 }), code(CXLMI_RET_INTERNAL));
    await sw.physPortControl({ ppb_id: 1, port_opcode: 1 });
    const up = (await sw.getPhysPortState({ num_ports: 1, ports: Uint8Array.from([1]) })).ports[0];
    assert.equal(up.link_state_bits.perst, false);
    assert.equal(up.ltssm_state, 4);
    assert.equal((await sw.identify({ tunnel: tunnelSwitch(1) })).component_type, 3);
    await assert.rejects(sw.physPortControl({ ppb_id: 1, port_opcode: 1 }), code(CXLMI_RET_INTERNAL));
    await assert.rejects(sw.physPortControl({ ppb_id: 1, port_opcode: 7 }), code(CXLMI_RET_INPUT));
    await assert.rejects(sw.physPortControl({ ppb_id: 9, port_opcode: 2 }), code(CXLMI_RET_INPUT));
  });

  it('reset PPB clears what was written to the PPB configuration space', async () => {
    const l = lab();
    const sw = await l.open('switch0');
    const write = (1 << 23) | (0xf << 12) | 0x10;
    const read = (0xf << 12) | 0x10;
    await sw.sendPpbCxlioConfigRequest({ ppb_id: 2, field_1: write, transaction_data: 0xcafe0000 });
    assert.equal(
      (await sw.sendPpbCxlioConfigRequest({ ppb_id: 2, field_1: read, transaction_data: 0 })).return_data,
      0xcafe0000,
    );
    assert.equal(
      (await sw.sendPpbCxlioConfigRequest({ ppb_id: 2, field_1: 0xf000, transaction_data: 0 })).return_data,
      0x000e1b36,
    );
    await sw.physPortControl({ ppb_id: 2, port_opcode: 2 });
    assert.equal(l.fabric.switch?.ports.get(2)?.resets, 1);
    assert.equal(
      (await sw.sendPpbCxlioConfigRequest({ ppb_id: 2, field_1: read, transaction_data: 0 })).return_data,
      0,
    );
  });

  it('domain validation secret value: unset, set, read back per VCS', async () => {
    const sw = await lab().open('switch0');
    assert.equal((await sw.getDomainValidationSvState()).secret_value_state, 0);
    await assert.rejects(sw.getDomainValidationSv({ vcs_id: 0 }), code(CXLMI_RET_INPUT));
    const sv = '5ec2e700-0000-4000-8000-00000000cafe';
    await sw.setDomainValidationSv({ secret_value_uuid: sv });
    assert.equal((await sw.getVcsDomainValidationSvState({ vcs_id: 0 })).secret_value_state, 1);
    assert.equal((await sw.getDomainValidationSv({ vcs_id: 0 })).secret_value_uuid, sv);
    await assert.rejects(sw.getVcsDomainValidationSvState({ vcs_id: 3 }), code(CXLMI_RET_INPUT));
  });
});
