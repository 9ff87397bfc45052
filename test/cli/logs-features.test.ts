import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { cli } from './run-cli.js';

describe('cxlmi logs', () => {
  it('list names the logs the spec defines and sizes them', async () => {
    const r = await cli(['--emulate', 'logs', 'list']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /0da9c0b5-bf41-4b78-8f79-96b1623b3f17 +cel +\d+ B/);
  });

  it('cel lists each command with its spec title, and Identify first', async () => {
    const r = await cli(['--emulate', 'logs', 'cel']);
    assert.match(r.out, /^ {2}OPCODE +COMMAND +EFFECTS\n {2}0x0001 +Identify +none$/m);
    assert.match(r.out, /0x0101 +Clear Event Records +immediate_log_change/);
  });

  it('get -o writes the raw log: the CEL holds 4-byte entries, Identify (0001h) first', async () => {
    const file = join(tmpdir(), `cxlmi-cel-test-${process.pid}.bin`);
    const r = await cli(['--emulate', 'logs', 'get', 'cel', '-o', file]);
    assert.equal(r.code, 0, r.err);
    const bytes = readFileSync(file);
    // CXL r3.1 Table 8-75 (CEL entry): Opcode (2 bytes LE), Command Effect (2 bytes LE).
    assert.deepEqual([...bytes.subarray(0, 4)], [0x01, 0x00, 0x00, 0x00]);
    assert.equal(bytes.length % 4, 0);
    assert.match(r.out, new RegExp(`${bytes.length} bytes written to `));
  });

  it('an unknown log name is a usage error', async () => {
    const r = await cli(['--emulate', 'logs', 'get', 'nonsense']);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /neither a log UUID nor one of cel/);
  });
});

describe('cxlmi features', () => {
  it('list shows the patrol scrub feature by name', async () => {
    const r = await cli(['--emulate', 'features', 'list']);
    assert.match(r.out, /96dad7d6-fde8-482b-a733-75774e06db8a +patrol-scrub/);
  });

  it('get reads as many bytes as the feature says', async () => {
    const r = await cli(['--emulate', 'features', 'get', 'patrol-scrub', '--json']);
    const v = JSON.parse(r.out);
    assert.equal(v.selection, 'current');
    assert.match(v.feature_data, /^([0-9a-f]{2})+$/);
  });
});
