/**
 * Runs every example in examples/ against the emulator, as `npm run example -- NAME --emulate`
 * would, and checks what it prints. Each example must have an entry here.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
    /Tunneling to LD 1 in MLD:\n\s+Error: .*Invalid Input/,
    /Tunneling through Switch port 1:\n\s+Vendor ID:\s+0x1b36/,
    /Tunneling through Switch port 2 to LD 0:\n\s+Vendor ID:\s+0x1b36/,
    /Tunneling to MHD LD Pool:\n\s+Vendor ID:\s+0x1b36/,
  ],
  fmapi_switch_info: [
    /Physical Ports:\s+5/,
    /Port 2:\n\s+Config State:\s+DSP\n\s+Connected Device:\s+CXL Type 3 MLD/,
    /Port 4:[\s\S]*LTSSM State:\s+Detect/,
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
