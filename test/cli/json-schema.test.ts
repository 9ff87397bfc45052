/**
 * Every subcommand's --json output is checked against its documented schema
 * (docs/cli-json/<subcommand>.schema.json, described in docs/cli-json.md), run against the emulator.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { EXIT_DEVICE, EXIT_TRANSPORT } from '../../src/cli/exit-codes.js';
import { walkCommands } from '../../src/cli/help.js';
import { buildProgram } from '../../src/cli/program.js';
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { cli } from './run-cli.js';

const dir = new URL('../../docs/cli-json/', import.meta.url);
const ajv = new Ajv({ allErrors: true, strict: true });

function schema(name: string) {
  return ajv.compile(JSON.parse(readFileSync(new URL(`${name}.schema.json`, dir), 'utf8')));
}

const image = join(mkdtempSync(join(tmpdir(), 'cxlmi-json-')), 'fw.bin');
writeFileSync(image, Buffer.alloc(3000, 0x41));

/** An emulated device whose firmware slot 2 holds a package, so it can be activated. */
function withSecondSlot(): EmulatedEndpointSpec[] {
  const device = new Type3Device();
  device.generic.firmware.slots[1] = { revision: 'SLOT2 1.1', image: new Uint8Array(256) };
  return [{ name: 'type3', device }];
}

/** Command lines whose --json output each schema describes (with the emulator to use, if not the default). */
const CASES: Record<
  string,
  (string[] | { argv: string[]; emulator?: () => EmulatedEndpointSpec[]; code?: number })[]
> = {
  list: [['--emulate', 'list']],
  identify: [['--emulate', 'identify']],
  'timestamp-get': [
    ['--emulate', 'timestamp', 'get'],
    ['--emulate', 'timestamp'],
  ],
  'timestamp-set': [['--emulate', 'timestamp', 'set', 'now']],
  raw: [['--emulate', 'raw', '0x0300'], { argv: ['--emulate', 'raw', '0xcf00'], code: EXIT_DEVICE }],
  'fw-info': [['--emulate', 'fw', 'info']],
  'fw-update': [
    ['--emulate', 'fw', 'update', image],
    ['--emulate', 'fw', 'update', image, '--slot', '3', '--activate', '--yes'],
  ],
  'fw-activate': [
    { argv: ['--emulate', 'fw', 'activate', '2', '--yes'], emulator: withSecondSlot },
    { argv: ['--emulate', 'fw', 'activate', '2', '--on-reset', '--yes'], emulator: withSecondSlot },
  ],
  multi: [{ argv: ['--emulate', 'identify', '/dev/cxl/mem99'], code: EXIT_TRANSPORT }],
};

/** Subcommands that print no JSON document. */
const NO_JSON = new Set(['completion', 'exporter']);

const leaves = walkCommands(buildProgram({ stdout() {}, stderr() {} }))
  .filter(({ cmd }) => cmd.commands.length === 0)
  .map(({ path }) => path.join('-'))
  .filter((n) => !NO_JSON.has(n));

describe('--json outputs match docs/cli-json/', () => {
  it('every subcommand has a schema and every schema has a case', () => {
    for (const n of leaves)
      assert.ok(existsSync(new URL(`${n}.schema.json`, dir)), `docs/cli-json/${n}.schema.json`);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.schema.json'))) {
      assert.ok(CASES[f.replace('.schema.json', '')], `add a case for ${f} to this test`);
    }
  });

  for (const [name, runs] of Object.entries(CASES)) {
    for (const run of runs) {
      const { argv, emulator, code = 0 } = Array.isArray(run) ? { argv: run } : run;
      it(`cxlmi ${argv.join(' ')} --json matches ${name}.schema.json`, async () => {
        const r = await cli([...argv, '--json'], emulator ? { emulator } : {});
        assert.equal(r.code, code, r.err);
        assert.ok(r.out.length > 0, r.err);
        const validate = schema(name);
        const ok = validate(JSON.parse(r.out));
        assert.ok(ok, `${ajv.errorsText(validate.errors)}\n${r.out}`);
      });
    }
  }

  it('a schema rejects output with an undocumented field', () => {
    const validate = schema('timestamp-get');
    assert.equal(validate({ timestamp: 1, when: 'now' }), false);
  });
});
