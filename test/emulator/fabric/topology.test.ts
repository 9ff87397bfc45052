import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/program.js';
import {
  DEFAULT_TOPOLOGY,
  defaultFabric,
  loadTopology,
  parseTopology,
} from '../../../src/emulator/fabric/index.js';
import { CxlmiUsageError } from '../../../src/errors.js';

const SHIPPED = fileURLToPath(new URL('../../../examples/fabric-topology.json', import.meta.url));

describe('fabric topology files', () => {
  it('the shipped example file is the default topology', () => {
    assert.deepEqual(JSON.parse(readFileSync(SHIPPED, 'utf8')), DEFAULT_TOPOLOGY);
  });

  it('the default fabric opens the switch, the MLD and the MHD', () => {
    const eps = defaultFabric().endpoints();
    assert.deepEqual(
      eps.map((e) => [e.name, e.link?.fmapi]),
      [
        ['switch0', true],
        ['mld0', true],
        ['mhd0', true],
      ],
    );
    assert.equal(loadTopology(SHIPPED).length, 3);
  });

  it('names LD and head views as endpoints', () => {
    const f = parseTopology(
      JSON.stringify({
        devices: [
          { name: 'm', type: 'mld', lds: 2, capacity_mib: 1024 },
          { name: 'h', type: 'mhd', heads: 3 },
        ],
        endpoints: ['m.ld1', 'h.head2'],
      }),
    );
    assert.equal(f.switch, undefined);
    assert.deepEqual(
      f.endpoints().map((e) => [e.name, e.link?.fmapi]),
      [
        ['m.ld1', false],
        ['h.head2', true],
      ],
    );
  });

  const bad: [string, unknown][] = [
    ['not JSON', '{'],
    ['unknown device type', { devices: [{ name: 'x', type: 'gpu' }] }],
    [
      'duplicate device',
      {
        devices: [
          { name: 'x', type: 'sld' },
          { name: 'x', type: 'sld' },
        ],
      },
    ],
    ['too many LDs', { devices: [{ name: 'x', type: 'mld', lds: 17, capacity_mib: 1024 }] }],
    [
      'port device unknown',
      {
        switch: {
          ports: [
            { id: 0, type: 'usp' },
            { id: 1, type: 'dsp', device: 'nope' },
          ],
        },
      },
    ],
    [
      'device on the upstream port',
      { devices: [{ name: 'd', type: 'sld' }], switch: { ports: [{ id: 0, type: 'usp', device: 'd' }] } },
    ],
    [
      'VCS on a downstream port',
      { switch: { ports: [{ id: 0, type: 'dsp' }], vcs: [{ usp: 0, vppbs: 1 }] } },
    ],
    [
      'MLD bound without an LD',
      {
        devices: [{ name: 'm', type: 'mld', lds: 2, capacity_mib: 1024 }],
        switch: {
          ports: [
            { id: 0, type: 'usp' },
            { id: 1, type: 'dsp', device: 'm' },
          ],
          vcs: [{ usp: 0, vppbs: 1, bind: [{ vppb: 0, port: 1 }] }],
        },
      },
    ],
    [
      'odd block size',
      {
        devices: [
          { name: 'h', type: 'mhd', heads: 1, dc_regions: [{ base_mib: 0, length_mib: 6, block_mib: 3 }] },
        ],
      },
    ],
    ['unknown endpoint', { devices: [{ name: 'd', type: 'sld' }], endpoints: ['e'] }],
  ];
  for (const [what, spec] of bad) {
    it(`rejects a topology with ${what}`, () => {
      assert.throws(
        () => parseTopology(typeof spec === 'string' ? spec : JSON.stringify(spec)),
        CxlmiUsageError,
      );
    });
  }

  it('cxlmi --emulate=FILE opens the fabric', async () => {
    let out = '';
    const code = await runCli(['list', `--emulate=${SHIPPED}`, '--json'], {
      stdout: (t) => (out += t),
      stderr: () => {},
    });
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { endpoint: string }[];
    assert.deepEqual(
      rows.map((r) => r.endpoint),
      ['emulator:switch0', 'emulator:mld0', 'emulator:mhd0'],
    );
  });
});
