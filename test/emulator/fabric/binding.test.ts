import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CxlmiCommandError } from '../../../src/errors.js';
import { CXLMI_RET_BUSY, CXLMI_RET_INPUT } from '../../../src/protocol/retcodes.js';
import { tunnelSwitchMld } from '../../../src/transport/tunnel-info.js';
import { lab } from './helpers.js';

const input = (e: unknown) => e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_INPUT;
const ALL = { start_vppb: 0, vppb_list_limit: 8, num_vcs: 1, vcs_id_list: Uint8Array.from([0]) };

describe('emulated switch: binding vPPBs', () => {
  it('shows the power-on bindings', async () => {
    const sw = await lab().open('switch0');
    const v = (await sw.getVcsInfo(ALL)).vcs_info_list[0];
    assert.equal(v.vcs_state, 1);
    assert.equal(v.num_vppbs, 4);
    assert.deepEqual(
      v.vppbs.map((b) => [b.binding_status, b.bound_port_id, b.bound_ld_id]),
      [
        [2, 1, 0xff],
        [3, 2, 0],
        [0, 0, 0xff],
        [0, 0, 0xff],
      ],
    );
  });

  it('bind a vPPB to LD 2; the FM reaches LD 2 by tunnel before, while and after it is bound', async () => {
    const l = lab();
    const sw = await l.open('switch0');
    const before = await sw.identify({ tunnel: tunnelSwitchMld(2, 2) });
    const r = await sw.bindVppb({ vcs_id: 0, vppb_id: 2, port_id: 2, ld_id: 2 });
    assert.equal(r.background, true, 'bind runs in the background');
    const id = await sw.identify({ tunnel: tunnelSwitchMld(2, 2) });
    const mld = l.fabric.nodes.get('mld0');
    assert.ok(mld?.kind === 'mld');
    assert.equal(id.serial_num, mld.device.lds[2].options.serialNumber);
    const bg = await sw.bgOpStatus();
    assert.equal(bg.opcode, 0x5201);
    assert.equal(bg.status_bits.percent_complete, 100);
    const after = (await sw.getVcsInfo(ALL)).vcs_info_list[0].vppbs[2];
    assert.deepEqual([after.binding_status, after.bound_port_id, after.bound_ld_id], [3, 2, 2]);
    assert.equal((await sw.identifySwitchDevice()).num_active_vppb, 3);

    await sw.unbindVppb({ vcs_id: 0, vppb_id: 2, option: 0 });
    assert.equal((await sw.identify({ tunnel: tunnelSwitchMld(2, 2) })).serial_num, before.serial_num);
    assert.equal((await sw.getVcsInfo(ALL)).vcs_info_list[0].vppbs[2].binding_status, 0);
  });

  it('shows bind in progress while the background operation runs, and refuses a second one', async () => {
    const l = lab({ bindDurationMs: 100 });
    const sw = await l.open('switch0');
    await sw.bindVppb({ vcs_id: 0, vppb_id: 3, port_id: 2, ld_id: 3 });
    assert.equal((await sw.getVcsInfo(ALL)).vcs_info_list[0].vppbs[3].binding_status, 1);
    assert.equal((await sw.bgOpStatus()).status_bits.in_progress, true);
    await assert.rejects(
      sw.unbindVppb({ vcs_id: 0, vppb_id: 0, option: 0 }),
      (e: unknown) => e instanceof CxlmiCommandError && e.retcode === CXLMI_RET_BUSY,
    );
    l.tick(100);
    assert.equal((await sw.getVcsInfo(ALL)).vcs_info_list[0].vppbs[3].binding_status, 3);
  });

  it('refuses bad bindings with invalid input', async () => {
    const sw = await lab().open('switch0');
    const bind = (vcs_id: number, vppb_id: number, port_id: number, ld_id: number) =>
      sw.bindVppb({ vcs_id, vppb_id, port_id, ld_id });
    await assert.rejects(bind(1, 2, 2, 1), input, 'no VCS 1');
    await assert.rejects(bind(0, 9, 2, 1), input, 'no vPPB 9');
    await assert.rejects(bind(0, 0, 2, 1), input, 'vPPB 0 already bound');
    await assert.rejects(bind(0, 2, 4, 0xffff), input, 'nothing on port 4');
    await assert.rejects(bind(0, 2, 0, 0xffff), input, 'the upstream port');
    await assert.rejects(bind(0, 2, 2, 0xffff), input, 'an MLD binds by LD');
    await assert.rejects(bind(0, 2, 1, 0), input, 'an SLD binds as a whole');
    await assert.rejects(bind(0, 2, 2, 0), input, 'LD 0 is already bound');
    await assert.rejects(bind(0, 2, 2, 4), input, 'no LD 4');
    await assert.rejects(sw.unbindVppb({ vcs_id: 0, vppb_id: 3, option: 0 }), input, 'not bound');
    await assert.rejects(sw.unbindVppb({ vcs_id: 0, vppb_id: 0, option: 3 }), input, 'bad option');
    await assert.rejects(sw.getVcsInfo({ ...ALL, vppb_list_limit: 0 }), input);
    const unknown = await sw.getVcsInfo({ ...ALL, vcs_id_list: Uint8Array.from([5]) });
    assert.equal(unknown.vcs_info_list[0].vcs_state, 0xff);
  });
});
