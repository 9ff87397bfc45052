/**
 * Every subcommand's --json output is checked against its documented schema
 * (docs/cli-json/<subcommand>.schema.json, described in docs/cli-json.md), run against the emulator.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { walkCommands } from '../../src/cli/help.js';
import { buildProgram } from '../../src/cli/program.js';
import { cli } from './run-cli.js';

const dir = new URL('../../docs/cli-json/', import.meta.url);
const ajv = new Ajv({ allErrors: true, strict: true });

function schema(name: string) {
  return ajv.compile(JSON.parse(readFileSync(new URL(`${name}.schema.json`, dir), 'utf8')));
}

/** Command lines whose --json output each schema describes. */
const CASES: Record<string, string[][]> = {
  list: [['--emulate', 'list']],
  identify: [['--emulate', 'identify']],
  'timestamp-get': [
    ['--emulate', 'timestamp', 'get'],
    ['--emulate', 'timestamp'],
  ],
  'timestamp-set': [['--emulate', 'timestamp', 'set', 'now']],
  raw: [
    ['--emulate', 'raw', '0x0300'],
    ['--emulate', 'raw', '0xcf00'],
  ],
  multi: [['--emulate', 'identify', '/dev/cxl/mem99']],
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
    for (const argv of runs) {
      it(`cxlmi ${argv.join(' ')} --json matches ${name}.schema.json`, async () => {
        const r = await cli([...argv, '--json']);
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
