/**
 * Numbers from the command line are taken whole or refused: an ISO time keeps its nanoseconds
 * (more than 9 fractional digits is an error, not silently dropped), and a DPA past 64 bits is out
 * of range whether written in hex or decimal, never cut to its low bits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { parseSize } from '../../src/cli/size.js';
import { parseTimestamp } from '../../src/cli/time.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { cli } from './run-cli.js';

describe('timestamp set with an ISO time', () => {
  it('keeps every fractional digit, to the nanosecond', () => {
    // 2025-01-31T12:00:00Z = 1738324800 s since the epoch.
    assert.equal(parseTimestamp('2025-01-31T12:00:00.123456789Z'), 1_738_324_800_123_456_789n);
    assert.equal(parseTimestamp('2025-01-31T12:00:00.5Z'), 1_738_324_800_500_000_000n);
    assert.equal(parseTimestamp('2025-01-31T12:00:00.000001Z'), 1_738_324_800_000_001_000n);
    assert.equal(parseTimestamp('2025-01-31T14:00:00.000000007+02:00'), 1_738_324_800_000_000_007n);
  });

  it('refuses more than 9 fractional digits and a fraction without seconds', () => {
    assert.throws(
      () => parseTimestamp('2025-01-31T12:00:00.1234567891Z'),
      /10 digits after the seconds.*nanoseconds/,
    );
    assert.throws(() => parseTimestamp('2025-01-31T12:00.5Z'), /needs the seconds/);
  });

  it('the device gets the nanoseconds', async () => {
    const dev = new Type3Device();
    const r = await cli(['--emulate', 'timestamp', 'set', '2025-01-31T12:00:00.123456789Z', '--json'], {
      emulator: () => [{ name: 'type3', device: dev }],
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /"timestamp": 1738324800123456789\b/);
    const tooFine = await cli(['--emulate', 'timestamp', 'set', '2025-01-31T12:00:00.1234567891Z']);
    assert.equal(tooFine.code, EXIT_USAGE);
    assert.equal(tooFine.out, '');
  });
});

describe('addresses past 64 bits', () => {
  it('are out of range in hex as in decimal', () => {
    assert.equal(parseSize('DPA', '0xffffffffffffffc0'), 0xffffffffffffffc0n);
    assert.throws(
      () => parseSize('DPA', '0x10000000000000000'),
      /DPA '0x10000000000000000' is out of range.*64 bits/,
    );
    assert.throws(() => parseSize('DPA', '18446744073709551616'), /out of range/);
  });

  it('poison inject says so, and nothing reaches the device', async () => {
    const dev = new Type3Device();
    const r = await cli(['--emulate', 'poison', 'inject', '0x10000000000000040', '--yes'], {
      emulator: () => [{ name: 'type3', device: dev }],
    });
    assert.equal(r.code, EXIT_USAGE, r.err);
    assert.match(r.err, /^cxlmi: DPA '0x10000000000000040' is out of range/);
    const before = dev.memdev.poison.entries.length;
    assert.equal(dev.memdev.poison.entries.length, before, 'no poison at the low bits of the address');
    assert.equal(before, 0);
  });
});
