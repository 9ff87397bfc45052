import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_TRANSPORT, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { runCli } from '../../src/cli/program.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('cxlmi CLI', () => {
  it('--emulate identify prints the emulated identity', async () => {
    const r = await run('--emulate', 'identify');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /emulator:type3/);
    assert.match(r.out, /Vendor ID\s+0x1b36/);
    assert.match(r.out, /Serial Number\s+0x00c0ffee12345678/);
    assert.match(r.out, /Component Type\s+Type 3 memory device/);
  });

  it('--json prints valid JSON with libcxlmi field names and exact 64-bit values', async () => {
    const r = await run('identify', '--emulate', '--json');
    assert.equal(r.code, 0, r.err);
    const v = JSON.parse(r.out);
    assert.equal(v.vendor_id, 0x1b36);
    assert.equal(v.component_type, 3);
    assert.match(r.out, /"serial_num": 54324593501165176\b/, 'serial printed exactly, not rounded');
  });

  it('list --emulate shows the emulated endpoint', async () => {
    const r = await run('list', '--emulate', '--json');
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out);
    assert.ok(rows.some((x: { endpoint: string }) => x.endpoint === 'emulator:type3'));
  });

  it('a bad target is a usage error on one line', async () => {
    const r = await run('identify', 'nonsense');
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /^cxlmi: unknown target 'nonsense'/);
    assert.equal(r.err.trim().split('\n').length, 1);
  });

  it('no target is a usage error for a subcommand that changes state', async () => {
    const r = await run('sanitize');
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /no target/);
  });

  it('an unreachable device is a transport error without a stack trace', async () => {
    const r = await run('identify', '/dev/cxl/mem0');
    assert.equal(r.code, EXIT_TRANSPORT);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });

  it('unknown options are usage errors', async () => {
    const r = await run('identify', '--frobnicate');
    assert.equal(r.code, EXIT_USAGE);
  });
});
