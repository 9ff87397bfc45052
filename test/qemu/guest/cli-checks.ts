/** The cxlmi command line in the guest: `list --json` and `caps mem0 --json`. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { Check } from './check.js';

/** The documented --json schemas (docs/cli-json/; the guest's cwd is the project root). */
function documentedSchema(name: string) {
  const dir = path.resolve('docs', 'cli-json');
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json')))
    ajv.addSchema(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  const validate = ajv.getSchema(`${name}.schema.json`);
  assert.ok(validate, `docs/cli-json/${name}.schema.json`);
  return (doc: unknown) => assert.ok(validate(doc), `${name} --json: ${ajv.errorsText(validate.errors)}`);
}

/** Kernel command ids QUERY lists on each kernel with QEMU 10 (measured; see test/qemu/NOTES.md). */
const KERNEL_IDS: Record<string, number[]> = {
  '6.1': [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
  '6.12': [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 18, 21, 22, 23, 24],
};

interface CapsJson {
  endpoint: string;
  transport: string;
  payload_max: number;
  raw_commands: string;
  kernel_reports_flags: boolean;
  kernel_commands: {
    id: number;
    name: string;
    opcode: number;
    enabled: boolean | null;
    exclusive: boolean | null;
  }[];
  commands: { name: string; opcode: number; route: string; passes: boolean }[];
}

export const cliChecks: Check[] = [
  {
    name: 'cxlmi list --json: its documented schema, mem0 with the serial number from sn=, sizes and LSA size',
    async run({ cli, cfg }) {
      const r = await cli(['list', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout);
      documentedSchema('list')(rows);
      assert.equal(rows.length, 1, r.stdout);
      const [row] = rows;
      assert.equal(row.endpoint, '/dev/cxl/mem0');
      assert.equal(row.transport, 'mailbox');
      // 64-bit values are exact JSON numbers: read the serial from the text, not through a double.
      const serial = /"serial": (\d+)/.exec(r.stdout);
      assert.ok(serial, r.stdout);
      assert.equal(BigInt(serial[1]), cfg.serial);
      assert.equal(BigInt(row.ram_size), cfg.volatileBytes);
      assert.equal(BigInt(row.pmem_size), cfg.persistentBytes);
      assert.equal(row.label_storage_size, cfg.lsaBytes);
      assert.equal(row.payload_max, 2048);
      return { serial: `0x${BigInt(serial[1]).toString(16)}`, firmware: row.firmware };
    },
  },
  {
    name: "cxlmi caps mem0 --json: its documented schema, the kernel's command list, routes, ENABLED flags that match the CEL",
    async run({ cli, cfg, ep }) {
      const r = await cli(['caps', 'mem0', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const caps = JSON.parse(r.stdout) as CapsJson;
      documentedSchema('caps')(caps);
      assert.equal(caps.endpoint, '/dev/cxl/mem0');
      assert.equal(caps.transport, 'mailbox');
      assert.equal(caps.payload_max, 2048);
      assert.match(caps.raw_commands, /disabled/);
      assert.deepEqual(
        caps.kernel_commands.map((k) => k.id),
        KERNEL_IDS[cfg.series],
      );
      const route = (name: string) => caps.commands.find((c) => c.name === name);
      assert.deepEqual(
        { route: route('memdev_identify')?.route, passes: route('memdev_identify')?.passes },
        { route: 'kernel id 1 (IDENTIFY)', passes: true },
      );
      assert.deepEqual(
        { route: route('identify')?.route, passes: route('identify')?.passes },
        { route: 'raw', passes: false },
      );
      // 6.12 reports what the device's CEL holds (ENABLED) and what it keeps (EXCLUSIVE); 6.1 says nothing.
      assert.equal(caps.kernel_reports_flags, cfg.series !== '6.1');
      if (caps.kernel_reports_flags) {
        const cel = new Set((await ep.getCel()).map((e) => e.opcode));
        for (const k of caps.kernel_commands) {
          if (k.exclusive) continue;
          assert.equal(k.enabled, cel.has(k.opcode), `kernel ${k.name}: enabled vs CEL`);
        }
        const setLsa = caps.kernel_commands.find((k) => k.name === 'SET_LSA');
        assert.equal(setLsa?.exclusive, cfg.pmemBound, 'SET_LSA is exclusive while cxl_pmem is bound');
        assert.equal(route('get_timestamp')?.route, 'kernel id 21 (GET_TIMESTAMP)');
      } else {
        assert.ok(caps.kernel_commands.every((k) => k.enabled === null && k.exclusive === null));
        assert.equal(route('get_poison_list')?.route, 'kernel id 15 (GET_POISON)');
      }
      return {
        kernel_ids: caps.kernel_commands.length,
        passes: caps.commands.filter((c) => c.passes).length,
      };
    },
  },
];
