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
    assert.match(r.out, /^ {2}vendor_id\s+0x1b36$/m);
    assert.match(r.out, /^ {2}serial_num\s+0x00c0ffee12345678$/m);
    assert.match(r.out, /^ {2}component_type\s+Type 3 memory device \(0x03\)$/m);
  });

  it('identify on a Type 3 shows Identify Memory Device too (firmware, capacities, LSA, poison limits)', async () => {
    const r = await run('--emulate', 'identify');
    assert.match(r.out, /^ {2}memdev$/m);
    assert.match(r.out, /^ {4}fw_revision\s+cxlmi emu 1\.0$/m);
    assert.match(r.out, /^ {4}total_capacity\s+1 GiB \(4\)$/m);
    assert.match(r.out, /^ {4}lsa_size\s+128 KiB \(131072 bytes\)$/m);
    assert.match(r.out, /^ {4}poison_list_max_mer\s+256 records$/m);
    assert.match(r.out, /^ {4}inject_poison_limit\s+0 \(no limit\)$/m);
    const j = JSON.parse((await run('--emulate', 'identify', '--json')).out);
    assert.equal(j.memdev.total_capacity_bytes, 2 ** 30);
    assert.equal(j.memdev.lsa_size, 131072);
  });

  it('identify on a switch has no memory device section', async () => {
    const r = await run('--emulate=fabric', 'identify', '--json');
    const all = JSON.parse(r.out) as { endpoint: string; result: { memdev?: unknown } }[];
    assert.equal(all.find((x) => x.endpoint === 'emulator:switch0')!.result.memdev, undefined);
    assert.ok(all.find((x) => x.endpoint === 'emulator:mld0')!.result.memdev);
  });

  it('--bigint=string writes 64-bit values as decimal strings that JSON.parse keeps exact', async () => {
    const n = await run('--emulate=fabric', 'identify', '--json');
    const s = await run('--emulate=fabric', 'identify', '--json', '--bigint=string');
    assert.equal(s.code, 0, s.err);
    const serials = (JSON.parse(s.out) as { result: { serial_num: string } }[]).map(
      (x) => x.result.serial_num,
    );
    // the MLD and MHD serials differ in their low bits: exact as strings, not as doubles
    assert.deepEqual(serials, ['91361537687553', '5569901605941149696', '5568775706034307073']);
    assert.match(n.out, /"serial_num": 5569901605941149696\b/);
    const bad = await run('--emulate', 'identify', '--bigint=hex');
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.err, /^cxlmi: option '--bigint <mode>' argument 'hex' is invalid/);
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
