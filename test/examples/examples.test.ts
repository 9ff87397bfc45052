/**
 * Runs every example in examples/ against the emulator, as `npm run example -- NAME --emulate`
 * would, and checks what it prints. Each example must have an entry here.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What each example must print when run against the emulator's default topology. */
const EXPECT: Record<string, RegExp[]> = {
  identify_device: [/Vendor ID:\s+0x1b36/, /Serial Number:\s+0x00c0ffee12345678/, /\(CXL Type 3 Device\)/],
  firmware_update: [
    /Slot 2 FW Revision: \(empty\)/,
    /Activated slot 2/,
    /Slot 2 FW Revision: cxlmi-demo 2\.0/,
    /\[Warning\] #1 general_media DPA 0x40001000/,
    /Drained 3 event record\(s\)/,
  ],
  memory_repair: [
    /Poison list before: 0x1236140/,
    /Event \d+ \(dram\) asks for maintenance: proposing soft PPR of the row holding DPA 0x1236140 \(channel 1, rank 0, bank group 3, bank 1, row 0x12, column 5\)/,
    /Repaired \(background operation\)/,
    /Poison list after: \(empty\)/,
    /Same address fails again: no event \(repaired\)/,
  ],
  get_health_info: [/Health Status:\s+Normal/, /Media Status:\s+Normal/, /Device Temperature:\s+35°C/],
  get_partition_info: [/Volatile Memory:\s+512\.00 MB/, /\(536870912 bytes\)/, /no pending changes/],
  tunnel_example: [
    /Tunneling to LD 0 in MLD:\n\s+Vendor ID:\s+0x1b36\n\s+Device ID:\s+0x0d93\n\s+Serial:\s+0x4d4c440000000001/,
    // LD 1 is bound to no vPPB: the FM-owned LD reaches it all the same (as QEMU's MLD does).
    /Tunneling to LD 1 in MLD:\n\s+Vendor ID:\s+0x1b36\n\s+Device ID:\s+0x0d93\n\s+Serial:\s+0x4d4c440000000002/,
    /Tunneling through Switch port 1:\n\s+Vendor ID:\s+0x1b36/,
    /Tunneling through Switch port 2 to LD 0:\n\s+Vendor ID:\s+0x1b36/,
    /Tunneling to MHD LD Pool:\n\s+Vendor ID:\s+0x1b36/,
  ],
  fmapi_switch_info: [
    /^emulator:switch0: FM-API is supported$/m,
    /Physical Ports:\s+5/,
    /Port 2:\n\s+Config State:\s+DSP\n\s+Connected Device:\s+CXL Type 3 MLD/,
    /Port 4:[\s\S]*LTSSM State:\s+Detect/,
  ],
  list_endpoints_mctp: [
    /^3 CXL endpoint\(s\):$/m,
    /emulator:switch0:\n.*\n\s+Device ID:\s+0x000f\n\s+Serial Number:\s+0x00005317c4000001\n\s+Component Type: Switch/,
    /emulator:mld0:\n(.*\n){2}\s+Serial Number:\s+0x4d4c440000000000\n\s+Component Type: Type 3 memory device/,
    /emulator:mhd0:/,
  ],
  fmapi_get_dc_region_extent_list: [/Total Extents: 1/, /Start DPA: 0x40000000/, /Length: 0x8000000/, /Done/],
};

const examples = readdirSync(new URL('../../examples/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));

describe('examples run against the emulator', () => {
  for (const name of examples) {
    it(name, async () => {
      const patterns = EXPECT[name];
      assert.ok(patterns, `add the expected output of examples/${name}.ts to this test`);
      const { stdout } = await run(process.execPath, [
        '--import',
        'tsx',
        'scripts/run-example.ts',
        name,
        '--emulate',
      ]);
      for (const re of patterns) assert.match(stdout, re);
    });
  }
});

describe('examples are written as a user of the package writes them', () => {
  const dir = new URL('../../examples/', import.meta.url);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    it(`${f} imports cxlmi, cxlmi/compat or cxlmi/emulator, never ../src/`, () => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const specifiers = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const s of specifiers)
        assert.match(
          s,
          /^(cxlmi(\/compat|\/emulator)?|node:.+|\.\/_[a-z_]+\.js)$/,
          `${f}: import from '${s}'`,
        );
    });
  }
});

describe('tunnel_example takes the two-level path from the topology', () => {
  it('tunnels through the port the MLD is on (port 4 in this topology)', async () => {
    const topo = JSON.parse(
      readFileSync(new URL('../../examples/fabric-topology.json', import.meta.url), 'utf8'),
    );
    // move the MLD from port 2 to port 4, and its binding with it
    for (const p of topo.switch.ports) {
      if (p.id === 2) delete p.device;
      if (p.id === 4) p.device = 'mld0';
    }
    for (const v of topo.switch.vcs) for (const b of v.bind ?? []) if (b.port === 2) b.port = 4;
    const file = join(mkdtempSync(join(tmpdir(), 'cxlmi-topo-')), 'moved-mld.json');
    writeFileSync(file, JSON.stringify(topo));
    const { stdout } = await run(process.execPath, [
      '--import',
      'tsx',
      'scripts/run-example.ts',
      'tunnel_example',
      `--emulate=${file}`,
    ]);
    assert.match(stdout, /Tunneling through Switch port 4 to LD 0:\n\s+Vendor ID:\s+0x1b36/);
    assert.doesNotMatch(stdout, /Switch port 2 to LD/);
  });
});
