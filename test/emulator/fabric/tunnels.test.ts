import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_INPUT, CXLMI_RET_UNSUPPORTED } from '../../../src/protocol/retcodes.js';
import { tunnelMhd, tunnelMld, tunnelSwitch, tunnelSwitchMld } from '../../../src/transport/tunnel-info.js';
import { lab } from './helpers.js';

const isInput = (e: unknown) => e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_INPUT;

describe('tunnels over the emulated fabric', () => {
  it('through the switch to the SLD, the MLD’s FM-owned LD and the MHD head on each port', async () => {
    const { fabric, open } = lab();
    const sw = await open('switch0');
    assert.equal(sw.identity?.component_type, 0, 'the switch identifies as a switch');
    const sld = await sw.identify({ tunnel: tunnelSwitch(1) });
    const mld = await sw.identify({ tunnel: tunnelSwitch(2) });
    const mhd = await sw.identify({ tunnel: tunnelSwitch(3) });
    const nodes = fabric.nodes;
    const serial = (n: string) => {
      const node = nodes.get(n);
      if (node?.kind === 'sld') return node.device.options.serialNumber;
      if (node?.kind === 'mld') return node.device.cci.options.serialNumber;
      if (node?.kind === 'mhd') return node.device.heads[0].options.serialNumber;
      throw new Error(n);
    };
    assert.equal(sld.serial_num, serial('sld0'));
    assert.equal(mld.serial_num, serial('mld0'));
    assert.equal(mhd.serial_num, serial('mhd0'));
    await assert.rejects(sw.identify({ tunnel: tunnelSwitch(4) }), isInput, 'nothing on port 4');
    await assert.rejects(sw.identify({ tunnel: tunnelSwitch(9) }), isInput, 'no port 9');
  });

  it('two levels: switch port 2, then an LD of the MLD, bound to a vPPB or not (as QEMU, CXL r3.1 §7.6.7.3.1)', async () => {
    const { fabric, open } = lab();
    const sw = await open('switch0');
    const id = await sw.identify({ tunnel: tunnelSwitchMld(2, 0) });
    const node = fabric.nodes.get('mld0');
    assert.ok(node?.kind === 'mld');
    assert.equal(id.serial_num, node.device.lds[0].options.serialNumber);
    // LD 1 is bound to no vPPB at power-on: the FM still reaches it through the FM-owned LD.
    const ld1 = await sw.identify({ tunnel: tunnelSwitchMld(2, 1) });
    assert.equal(ld1.serial_num, node.device.lds[1].options.serialNumber);
    await assert.rejects(sw.identify({ tunnel: tunnelSwitchMld(2, 7) }), isInput, 'no LD 7');
  });

  it('one level on the MLD itself, and to the LD-pool CCI of the MHD', async () => {
    const { open } = lab();
    const mld = await open('mld0');
    assert.equal((await mld.identify({ tunnel: tunnelMld(0) })).component_type, 3);
    const mhd = await open('mhd0');
    const info = await mhd.getMultiheadedInfo(
      { start_ld_id: 0, ld_map_list_limit: 8 },
      { tunnel: tunnelMhd() },
    );
    assert.equal(info.num_heads, 2);
    assert.deepEqual([...info.ld_map], [0, 1]);
    // Without the tunnel the head itself does not answer MHD commands.
    await assert.rejects(
      mhd.getMultiheadedInfo({ start_ld_id: 0, ld_map_list_limit: 8 }),
      (e: unknown) => e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_UNSUPPORTED,
    );
  });

  it('an inner error comes back as the tunneled command’s own error', async () => {
    const { open } = lab();
    const sw = await open('switch0');
    await assert.rejects(
      sw.getLdInfo({ tunnel: tunnelSwitch(1) }),
      (e: unknown) =>
        e instanceof CxlmiCommandError && e.opcode === 0x5400 && e.retcode === CXLMI_RET_UNSUPPORTED,
      'the SLD has no MLD commands',
    );
  });
});
