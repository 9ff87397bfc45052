import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { parseTimestamp } from '../../src/cli/time.js';
import { cli } from './run-cli.js';

describe('cxlmi timestamp', () => {
  it('reads the emulated clock (0 until set) as text and JSON', async () => {
    const t = await cli(['--emulate', 'timestamp']);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /timestamp\s+1970-01-01T00:00:00\.000000000Z \(0 ns\)/);
    const j = await cli(['--emulate', 'timestamp', 'get', '--json']);
    assert.deepEqual(JSON.parse(j.out), { timestamp: 0 });
  });

  it('sets a time given as ISO text and prints it back exactly', async () => {
    const r = await cli(['--emulate', 'timestamp', 'set', '2025-01-31T12:00:00Z', '--json']);
    assert.equal(r.code, 0, r.err);
    // 2025-01-31T12:00:00Z = 1738324800 s since the epoch.
    assert.match(r.out, /"timestamp": 1738324800000000000\b/);
  });

  it('parses now, nanoseconds and rejects nonsense', () => {
    assert.equal(
      parseTimestamp('now', () => 1500),
      1_500_000_000n,
    );
    assert.equal(parseTimestamp('18446744073709551615'), 0xffffffffffffffffn);
    assert.throws(() => parseTimestamp('18446744073709551616'), /64 bits/);
    assert.throws(() => parseTimestamp('yesterday-ish'), /cannot read/);
    assert.throws(() => parseTimestamp('-5'), /cannot read/, 'not a year');
    assert.equal(parseTimestamp('2025-01-31T12:00:00Z'), 1_738_324_800_000_000_000n);
    assert.equal(parseTimestamp('2025-01-31'), 1_738_281_600_000_000_000n, 'a date alone is midnight UTC');
  });

  it('a bad time is a usage error', async () => {
    const r = await cli(['--emulate', 'timestamp', 'set', 'soon']);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /^cxlmi: cannot read 'soon'/);
  });
});

describe('cxlmi raw', () => {
  it('sends Get Timestamp (0300h) and prints return code and payload', async () => {
    const r = await cli(['--emulate', 'raw', '0x0300']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /retcode\s+0x0000 Success \(CXLMI_RET_SUCCESS\)/);
    assert.match(r.out, /payload\s+8 bytes/);
    assert.match(r.out, /000000 {2}00 00 00 00 00 00 00 00/);
  });

  it('sends a payload: Set Timestamp (0301h) with its 8-byte payload', async () => {
    // CXL r3.1 Table 8-58: Timestamp, 8 bytes, little-endian nanoseconds. 0x0102030405060708.
    const set = await cli(['--emulate', 'raw', '0x0301', '--data', '08 07 06 05 04 03 02 01', '--json']);
    assert.equal(set.code, 0, set.err);
    assert.equal(JSON.parse(set.out).retcode, 0);
  });

  it('prints a failure return code, with the device exit code', async () => {
    const r = await cli(['--emulate', 'raw', '0xcf00', '--json']);
    assert.equal(r.code, EXIT_DEVICE);
    const v = JSON.parse(r.out);
    assert.equal(v.retcode, 3);
    assert.equal(v.retcode_name, 'CXLMI_RET_UNSUPPORTED');
    assert.equal(v.payload, '');
    assert.match(r.err, /Unsupported/);
  });

  it('rejects a bad opcode or payload before sending', async () => {
    assert.equal((await cli(['--emulate', 'raw', '0x10000'])).code, EXIT_USAGE);
    const odd = await cli(['--emulate', 'raw', '0x0300', '--data', 'abc']);
    assert.equal(odd.code, EXIT_USAGE);
    assert.match(odd.err, /not hex bytes/);
  });
});
