/**
 * Targeting (issue 14): a tunnel flag reaches only the kind of CCI it is for, a state-changing
 * command reaches exactly one device, and every emulated device's state is compared before and
 * after to show that exactly the named device changed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_OK, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { defaultFabric, Fabric } from '../../src/emulator/fabric/fabric.js';
import type { TopologySpec } from '../../src/emulator/fabric/topology-spec.js';
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { changed, devicesOf, snapshot } from '../helpers/device-state.js';
import { cli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-target-'));
const labels = join(dir, 'labels.bin');
writeFileSync(labels, Buffer.from('cxlmi targeting test label'));
const image = join(dir, 'fw.bin');
writeFileSync(image, Buffer.concat([Buffer.from('TARGET-FW 2.0\0'), Buffer.alloc(4096 - 14, 0x5a)]));

/** Two switches; an MLD behind the first, a two-headed MHD behind the second; an SLD on each. */
const TWO_SWITCHES: [TopologySpec, TopologySpec] = [
  {
    switch: {
      name: 'switch0',
      ports: [
        { id: 0, type: 'usp' },
        { id: 1, type: 'dsp', device: 'sld0' },
        { id: 2, type: 'dsp', device: 'mld0' },
      ],
      vcs: [{ usp: 0, vppbs: 2, bind: [{ vppb: 0, port: 1 }] }],
    },
    devices: [
      { name: 'sld0', type: 'sld' },
      { name: 'mld0', type: 'mld', lds: 4, capacity_mib: 4096 },
    ],
    endpoints: ['switch0', 'mld0'],
  },
  {
    switch: {
      name: 'switch1',
      serial: '0x5317c4000002',
      ports: [
        { id: 0, type: 'usp' },
        { id: 1, type: 'dsp', device: 'sld1' },
        { id: 2, type: 'dsp', device: 'mhd0', head: 1 },
      ],
      vcs: [{ usp: 0, vppbs: 2 }],
    },
    devices: [
      { name: 'sld1', type: 'sld', serial: '0x5d1000000001' },
      { name: 'mhd0', type: 'mhd', heads: 2, lds: 2, dc_regions: [{ length_mib: 1024, block_mib: 2 }] },
    ],
    endpoints: ['switch1', 'mhd0'],
  },
];

interface Lab {
  emulator: () => EmulatedEndpointSpec[];
  devices: Map<string, object>;
}

/** Every Type 3 model holds some user data and a second firmware slot, so a change shows. */
function seed(devices: Map<string, object>): void {
  for (const d of devices.values()) {
    if (!(d instanceof Type3Device)) continue;
    d.memdev.media.write(0x1000n, Uint8Array.of(1, 2, 3, 4));
    d.generic.firmware.slots[1] = { revision: 'SLOT2 1.1', image: new Uint8Array(256) };
  }
}

function lab(fabrics: Fabric[]): Lab {
  const devices = new Map<string, object>();
  for (const f of fabrics) for (const [k, v] of devicesOf(f)) devices.set(k, v);
  seed(devices);
  const specs = fabrics.flatMap((f) => f.endpoints());
  return { emulator: () => specs, devices };
}

const fabricLab = () => lab([defaultFabric()]);
const twoSwitchLab = () => lab(TWO_SWITCHES.map((t) => new Fabric(t)));

/** Runs a command line against a lab; returns the result and which devices changed. */
async function run(l: Lab, argv: string[]) {
  const before = snapshot(l.devices);
  const r = await cli(['--emulate', ...argv], { emulator: l.emulator });
  return { ...r, changed: changed(before, snapshot(l.devices)) };
}

/** Destructive subcommands (each asks first), as typed after the tunnel flags. */
const DESTRUCTIVE: [string, string[]][] = [
  ['sanitize', ['sanitize']],
  ['secure-erase', ['secure-erase']],
  ['media-ops sanitize', ['media-ops', 'sanitize', '0:1M']],
  ['media-ops zero', ['media-ops', 'zero', '0:1M']],
  ['poison inject', ['poison', 'inject', '0x2000']],
  ['lsa write', ['lsa', 'write', labels]],
  ['fw activate', ['fw', 'activate', '2']],
  ['fw update', ['fw', 'update', image, '--slot', '3']],
  ['shutdown-state set', ['shutdown-state', 'set', 'dirty']],
  ['security freeze', ['security', 'freeze']],
  ['partition set', ['partition', 'set', '0']],
];

/** Tunnel flags and the one device each reaches; null: refused as a usage error, nothing sent. */
const FABRIC_FLAGS: [string[], string | null][] = [
  [[], null], // switch0, mld0 and mhd0 all take memory device commands but the switch: two left
  [['--port', '1'], 'sld0'],
  [['--port', '2', '--ld', '1'], 'mld0.ld1'],
  [['--ld', '1'], 'mld0.ld1'],
  [['--mhd'], 'mhd0.pool'],
];
const TWO_SWITCH_FLAGS: [string[], string | null][] = [
  [[], null],
  [['--port', '1'], null], // port 1 of two switches: two devices
  [['--port', '2', '--ld', '1'], null],
  [['--ld', '1'], 'mld0.ld1'],
  [['--mhd'], 'mhd0.pool'],
];

describe('targeting: the exact device the user named (issue 14)', () => {
  it('--ld 1 sanitize on the built-in fabric erases LD 1 of the MLD and nothing else (it hit the SLD on switch port 1)', async () => {
    const l = fabricLab();
    const r = await run(l, ['--ld', '1', 'sanitize', '--yes']);
    assert.equal(r.code, EXIT_OK, r.err);
    assert.deepEqual(r.changed, ['mld0.ld1']);
    assert.match(r.out, /^emulator:mld0 → LD 1 \(Type 3, serial 0x4d4c440000000002\)$/m);
  });

  for (const [topology, make, flags] of [
    ['the built-in fabric', fabricLab, FABRIC_FLAGS],
    ['two switches, an MLD and an MHD', twoSwitchLab, TWO_SWITCH_FLAGS],
  ] as const) {
    describe(topology, () => {
      for (const [name, argv] of DESTRUCTIVE) {
        it(`${name}: each tunnel flag changes exactly the device it names`, async () => {
          for (const [flag, target] of flags) {
            const l = make();
            const r = await run(l, [...flag, ...argv, '--yes']);
            const what = `${flag.join(' ') || '(no flag)'} ${name}: ${r.err}`;
            if (target === null) {
              assert.equal(r.code, EXIT_USAGE, what);
              assert.match(r.err, /goes to exactly one device/, what);
              assert.deepEqual(r.changed, [], what);
            } else {
              assert.equal(r.code, EXIT_OK, what);
              assert.deepEqual(r.changed, [target], what);
            }
          }
        });
      }

      it('identify: each tunnel flag answers from the device it names and changes nothing', async () => {
        for (const [flag, target] of flags) {
          if (flag.length === 0) continue;
          const l = make();
          const r = await run(l, [...flag, 'identify', '--json']);
          assert.deepEqual(r.changed, [], flag.join(' '));
          const serial = (n: string) => (l.devices.get(n) as Type3Device).options.serialNumber;
          const doc = JSON.parse(r.out);
          // Serial numbers are read from the text: JSON.parse would round 64-bit numbers.
          const serials = [...r.out.matchAll(/"serial_num": "?(\d+)"?/g)].map((m) => BigInt(m[1]));
          if (target !== null) {
            assert.equal(r.code, EXIT_OK, r.err);
            assert.deepEqual(serials, [serial(target)], flag.join(' '));
          } else if (flag.length === 2) {
            // --port 1 of each switch: both SLDs answer, each under its whole path.
            assert.equal(r.code, EXIT_OK, r.err);
            assert.deepEqual(
              doc.map((d: { endpoint: string; result: { serial_num: string } }) => [
                d.endpoint,
                BigInt(d.result.serial_num),
              ]),
              [
                [
                  `emulator:switch0 → port 1 (Type 3, serial 0x${serial('sld0').toString(16).padStart(16, '0')})`,
                  serial('sld0'),
                ],
                [
                  `emulator:switch1 → port 1 (Type 3, serial 0x${serial('sld1').toString(16).padStart(16, '0')})`,
                  serial('sld1'),
                ],
              ],
            );
          } else {
            // --port 2 --ld 1: switch0 reaches LD 1 of its MLD; switch1 has an MHD head there.
            assert.equal(r.code, EXIT_DEVICE, r.err);
            assert.deepEqual(serials, [serial('mld0.ld1')]);
            assert.match(
              doc[1].error.message,
              /^emulator:switch1 → port 2 → LD 1: the device on port 2 is a single-logical Type 3 device, which has no LDs/,
            );
          }
        }
      });
    });
  }

  it('--port 1 never reaches an LD of an MLD endpoint: with only the MLD named it is a usage error', async () => {
    const f = defaultFabric();
    const devices = devicesOf(f);
    seed(devices);
    const l: Lab = { emulator: () => f.endpoints().filter((s) => s.name === 'mld0'), devices };
    for (const argv of [['sanitize', '--yes'], ['identify']]) {
      const r = await run(l, ['--port', '1', ...argv]);
      assert.equal(r.code, EXIT_USAGE, r.err);
      assert.match(r.err, /--port 1 fits none of the targets.*emulator:mld0: --port 1 is for switches/);
      assert.deepEqual(r.changed, []);
    }
  });

  it('--verbose says which endpoints a tunnel flag left out, and why', async () => {
    const r = await run(fabricLab(), ['--ld', '1', 'identify', '--verbose']);
    assert.equal(r.code, EXIT_OK, r.err);
    assert.match(r.err, /emulator:switch0: left out \(--ld 1 is for MLDs .*this is a switch\)/);
    assert.match(r.err, /emulator:mhd0: left out \(--ld 1 is for MLDs .*this is a multi-headed device\)/);
    const quiet = await run(fabricLab(), ['--ld', '1', 'identify']);
    assert.doesNotMatch(quiet.err, /left out/);
  });

  it('a tunnel flag that fits none of the targets is a usage error, before anything changes', async () => {
    const r = await run(
      lab([new Fabric({ devices: [{ name: 'sld0', type: 'sld' }], endpoints: ['sld0'] })]),
      ['--mhd', 'sanitize', '--yes'],
    );
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /--mhd fits none of the targets/);
    assert.deepEqual(r.changed, []);
  });

  it('without a terminal and --yes: one line saying the confirmation is missing (exit 2), no Unsupported lines', async () => {
    const l = fabricLab();
    const r = await run(l, ['--ld', '1', 'sanitize']);
    assert.equal(r.code, EXIT_USAGE);
    assert.equal(
      r.err,
      'cxlmi: not confirmed: add --yes to sanitize emulator:mld0 → LD 1 (Type 3, serial 0x4d4c440000000002), erasing all user data (there is no terminal to ask on)\n',
    );
    assert.deepEqual(r.changed, []);
  });

  it('a state-changing command with several targets is refused, naming them (no prompt per endpoint)', async () => {
    const r = await run(fabricLab(), ['sanitize']);
    assert.equal(r.code, EXIT_USAGE);
    assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
    assert.match(
      r.err,
      /sanitize changes device state, so it goes to exactly one device; 2 are targeted: emulator:mld0 .*emulator:mhd0/,
    );
    assert.doesNotMatch(r.err, /Unsupported|not confirmed/);
  });

  it('a command only one target takes goes there (switch bind on the fabric is the switch)', async () => {
    const l = fabricLab();
    const r = await run(l, ['switch', 'bind', '0', '2', '2', '--ld-id', '1', '--verbose']);
    assert.equal(r.code, EXIT_OK, r.err);
    assert.deepEqual(r.changed, ['mld0', 'switch0']);
    assert.match(r.err, /emulator:mld0: left out \(its Command Effects Log does not list 5201h\)/);
  });

  it('dcd initiate-add with both heads of one DCD as targets is refused: the capacity is never offered twice', async () => {
    const f = new Fabric({
      devices: [{ name: 'mhd0', type: 'mhd', heads: 2, dc_regions: [{ length_mib: 1024, block_mib: 2 }] }],
      endpoints: ['mhd0', 'mhd0.head1'],
    });
    const l = lab([f]);
    const r = await run(l, ['dcd', 'initiate-add', '--length', '64M']);
    assert.equal(r.code, EXIT_USAGE, r.err);
    assert.match(
      r.err,
      /dcd initiate-add changes device state, so it goes to exactly one device; 2 are targeted/,
    );
    assert.deepEqual(r.changed, []);
  });

  it('a tunnel that cannot be opened says which hop and why', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--port', '4'],
        /^cxlmi: emulator:switch0 → port 4: nothing is connected \(the Tunnel Management Command 5300h answered Invalid Input\)$/m,
      ],
      [['--port', '9'], /^cxlmi: emulator:switch0 → port 9: the switch has no port 9 /m],
      [['--port', '0'], /^cxlmi: emulator:switch0 → port 0: not a downstream port/m],
      [
        ['--port', '2', '--ld', '7'],
        /^cxlmi: emulator:switch0 → port 2 → LD 7: the MLD on port 2 has 4 LDs \(0-3\)/m,
      ],
      [
        ['--port', '4', '--ld', '1'],
        /^cxlmi: emulator:switch0 → port 4 → LD 1: port 4: nothing is connected/m,
      ],
      [
        ['--port', '1', '--ld', '0'],
        /^cxlmi: emulator:switch0 → port 1 → LD 0: the device on port 1 is a single-logical Type 3 device, which has no LDs/m,
      ],
      [['--ld', '5'], /^cxlmi: emulator:mld0 → LD 5: the MLD has 4 LDs \(0-3\)/m],
    ];
    for (const [flag, want] of cases) {
      const r = await run(fabricLab(), [...flag, 'identify']);
      assert.equal(r.code, EXIT_DEVICE, `${flag.join(' ')}: ${r.err}`);
      assert.match(r.err, want);
      assert.deepEqual(r.changed, []);
    }
  });

  it('LDs bound to no vPPB are reached too: the FM-owned LD reaches every LD (CXL r3.1 §7.6.7.3.1, as QEMU)', async () => {
    const l = fabricLab();
    const r = await run(l, ['--port', '2', '--ld', '3', 'sanitize', '--yes']);
    assert.equal(r.code, EXIT_OK, r.err);
    assert.deepEqual(r.changed, ['mld0.ld3']);
  });

  it('--port 0x2 is a number like any other; --port 256 is one usage error, not one per endpoint', async () => {
    const hexPort = await run(fabricLab(), ['--port', '0x2', 'ld', 'info', '--json']);
    assert.equal(hexPort.code, EXIT_OK, hexPort.err);
    assert.equal(JSON.parse(hexPort.out).ld_count, 4);
    for (const bad of [
      ['--port', '256'],
      ['--ld', '256'],
      ['--port', '2x'],
      ['--port', '-1'],
    ]) {
      const r = await run(fabricLab(), [...bad, 'identify']);
      assert.equal(r.code, EXIT_USAGE, r.err);
      assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
      assert.match(r.err, new RegExp(`^cxlmi: ${bad[0]} takes a number from 0 to 255`));
    }
  });
});
