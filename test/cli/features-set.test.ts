import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { cli } from './run-cli.js';

const SCRUB = '96dad7d6-fde8-482b-a733-75774e06db8a';

function oneDevice() {
  const device = new Type3Device();
  return () => [{ name: 'type3', device }];
}

describe('cxlmi features set (Set Feature 0502h)', () => {
  it('writes patrol scrub data given as hex; features get then reads it back', async () => {
    const emulator = oneDevice();
    const r = await cli(['--emulate', 'features', 'set', 'patrol-scrub', '--data', '06:01', '--yes'], {
      emulator,
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`^ {2}${SCRUB}: wrote 2 bytes \\(version 1\\)$`, 'm'));
    const g = await cli(['--emulate', 'features', 'get', 'patrol-scrub', '--json'], { emulator });
    // Device Patrol Scrub Control readable attributes (CXL r3.1 §8.2.9.9.11.1): capability 03h,
    // scrub cycle 6 h (was 12), minimum 1 h, flags 01h (enabled).
    assert.equal(JSON.parse(g.out).feature_data, '03060101');
  });

  it('--json echoes the request; --file and --save set Set Feature Flags bit 3', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cxlmi-feat-')), 'scrub.bin');
    writeFileSync(file, Uint8Array.of(0x18, 0x00));
    const r = await cli(
      ['--emulate', 'features', 'set', SCRUB, '--file', file, '--save', '--yes', '--json'],
      {
        emulator: oneDevice(),
      },
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), {
      feature_id: SCRUB,
      set_feature_flags: 8,
      offset: 0,
      version: 1,
      feature_data: '1800',
    });
  });

  it('needs --yes without a terminal and leaves the feature alone', async () => {
    const emulator = oneDevice();
    const r = await cli(['--emulate', 'features', 'set', 'patrol-scrub', '--data', '0601'], { emulator });
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, new RegExp(`not confirmed: add --yes to change feature ${SCRUB} of emulator:type3`));
    const g = await cli(['--emulate', 'features', 'get', 'patrol-scrub', '--json'], { emulator });
    assert.equal(JSON.parse(g.out).feature_data, '030c0100');
  });

  it('data larger than the feature takes, or neither/both of --data and --file, is a usage error', async () => {
    const big = await cli(['--emulate', 'features', 'set', 'patrol-scrub', '--data', '010203', '--yes']);
    assert.equal(big.code, EXIT_USAGE);
    assert.match(big.err, /takes at most 2 bytes, got 3/);
    const none = await cli(['--emulate', 'features', 'set', 'patrol-scrub', '--yes']);
    assert.equal(none.code, EXIT_USAGE);
    assert.match(none.err, /either --data HEX or --file FILE/);
  });

  it('a value the device refuses (cycle below the minimum) is a device return code', async () => {
    const r = await cli(['--emulate', 'features', 'set', 'patrol-scrub', '--data', '0001', '--yes']);
    assert.equal(r.code, EXIT_DEVICE);
    assert.match(r.err, /invalid input/i);
  });
});
