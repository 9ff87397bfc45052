import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { withPassphrases } from './emulated.js';
import { cli } from './run-cli.js';

/** One device kept across several CLI runs, as a real device would be. */
function shared(): () => EmulatedEndpointSpec[] {
  const device = new Type3Device();
  return () => [{ name: 'type3', device }];
}

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-memdev-'));

describe('memory device subcommands', () => {
  it('health shows life used in percent and the temperature in °C', async () => {
    const r = await cli(['--emulate', 'health']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /life_used +\d+%$/m);
    assert.match(r.out, /device_temperature +-?\d+ °C$/m);
  });

  it('partition show gives capacities in human units; JSON in units and bytes', async () => {
    const t = await cli(['--emulate', 'partition']);
    assert.match(t.out, /total_capacity +1 GiB \(4\)/);
    const j = JSON.parse((await cli(['--emulate', 'partition', '--json'])).out);
    assert.equal(j.total_capacity, 4);
    assert.equal(j.total_capacity_bytes, 4 * 256 * 1024 * 1024);
  });

  it('partition set refuses sizes that are not 256 MiB multiples, and needs --yes off a terminal', async () => {
    assert.equal((await cli(['--emulate', 'partition', 'set', '100M', '--yes'])).code, EXIT_USAGE);
    const r = await cli(['--emulate', 'partition', 'set', '256M']);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(
      r.err,
      /not confirmed: add --yes to repartition emulator:type3 \(Type 3, serial 0x00c0ffee12345678\) to 256 MiB volatile/,
    );
  });

  it('partition set --now changes the active partitions', async () => {
    const emulator = shared();
    const r = await cli(['--emulate', 'partition', 'set', '768M', '--now', '--yes', '--json'], { emulator });
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).active_vmem_bytes, 768 * 1024 * 1024);
  });

  it('lsa write then read gives the same bytes back', async () => {
    const emulator = shared();
    const src = join(dir, 'labels.bin');
    const bytes = Buffer.from(Array.from({ length: 10000 }, (_, i) => (i * 7) & 0xff));
    writeFileSync(src, bytes);
    const w = await cli(['--emulate', 'lsa', 'write', src, '--offset', '100', '--yes'], { emulator });
    assert.equal(w.code, 0, w.err);
    const out = join(dir, 'back.bin');
    const r = await cli(['--emulate', 'lsa', 'read', '--offset', '100', '--length', '10000', '-o', out], {
      emulator,
    });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(readFileSync(out), bytes);
  });

  it('poison inject, list, clear on one device', async () => {
    const emulator = shared();
    assert.equal((await cli(['--emulate', 'poison', 'inject', '0x1040', '--yes'], { emulator })).code, 0);
    const list = await cli(['--emulate', 'poison', 'list'], { emulator });
    assert.match(list.out, /0x1040 +64 B +injected/);
    assert.equal((await cli(['--emulate', 'poison', 'clear', '0x1040'], { emulator })).code, 0);
    assert.match((await cli(['--emulate', 'poison', 'list'], { emulator })).out, /no poisoned media/);
  });

  it('poison addresses must be 64-byte aligned', async () => {
    const r = await cli(['--emulate', 'poison', 'inject', '0x1001', '--yes']);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /multiple of 64 bytes/);
  });

  it('sanitize runs to completion in the background', async () => {
    const r = await cli(['--emulate', 'sanitize', '--yes', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { background: true, percent: 100 });
  });

  it('security unlock with the right passphrase unlocks; the wrong one is a device error', async () => {
    const bad = await cli(['--emulate', 'security', 'unlock', '--passphrase', 'nope'], {
      emulator: () => withPassphrases(true),
    });
    assert.equal(bad.code, EXIT_DEVICE);
    const ok = await cli(['--emulate', 'security', 'unlock', '--passphrase', 's3cret', '--json'], {
      emulator: () => withPassphrases(true),
    });
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(ok.out).security_state_bits.locked, false);
  });

  it('qos set keeps what it is not told to change', async () => {
    const r = await cli(['--emulate', 'qos', 'set', '--severe', '40', '--json']);
    const v = JSON.parse(r.out);
    assert.equal(v.egress_severe_percentage, 40);
    assert.equal(v.egress_moderate_percentage, 10);
  });
});
