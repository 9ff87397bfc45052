import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTopology } from '../../../src/emulator/fabric/index.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { Context } from '../../../src/endpoint/context.js';
import { bitmaskIds } from '../../../src/endpoint/fabric.js';
import { lab } from './helpers.js';

describe('ep.fabric()', () => {
  it('walks the default switch: ports, VCS and bindings in one object', async () => {
    const sw = await lab().open('switch0');
    const f = await sw.fabric();
    assert.equal(f.switch.num_physical_ports, 5);
    assert.deepEqual(
      f.ports.map((p) => [p.port_id, p.config_state, p.conn_dev_type]),
      [
        [0, 4, 0],
        [1, 3, 4],
        [2, 3, 5],
        [3, 3, 4],
        [4, 3, 0],
      ],
    );
    assert.equal(f.vcs.length, 1);
    assert.equal(f.vcs[0].usp_id, 0);
    assert.deepEqual(
      f.vcs[0].vppbs.map((v) => [v.vppb_id, v.binding_status, v.bound_port_id]),
      [
        [0, 2, 1],
        [1, 3, 2],
        [2, 0, 0],
        [3, 0, 0],
      ],
    );
  });

  it('pages through VCSs with many vPPBs and several port-state requests', async () => {
    const ports = [
      { id: 0, type: 'usp' },
      ...Array.from({ length: 20 }, (_, i) => ({ id: i + 1, type: 'dsp' })),
    ];
    const fabric = parseTopology(
      JSON.stringify({
        switch: {
          ports,
          vcs: [
            { usp: 0, vppbs: 40 },
            { usp: 0, vppbs: 3 },
          ],
        },
      }),
    );
    const ctx = new Context({ log: () => {} });
    const ep = await ctx.openTransport(emulatorTransport(fabric.switch as never, { fmapi: true }));
    const f = await ep.fabric();
    assert.equal(f.ports.length, 21);
    assert.deepEqual(
      f.vcs.map((v) => [v.vcs_id, v.vppbs.length]),
      [
        [0, 40],
        [1, 3],
      ],
    );
    assert.equal(f.vcs[0].vppbs[39].vppb_id, 39);
  });

  it('reads ids from a 256-bit bitmask', () => {
    const m = new Uint8Array(32);
    m[0] = 0b101;
    m[31] = 0x80;
    assert.deepEqual(bitmaskIds(m), [0, 2, 255]);
  });
});
