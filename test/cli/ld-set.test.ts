import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { loadTopology } from '../../src/emulator/fabric/topology-file.js';
import { cli } from './run-cli.js';

/** One emulated fabric kept across CLI runs (the default fabric: mld0 has 4 LDs of 1 GiB, 256 MiB granularity). */
function fabric() {
  const specs = loadTopology('fabric');
  return { emulator: () => specs };
}

/** Only the MLD of that fabric, so that the one answer is the MLD's. */
function mldOnly() {
  const specs = loadTopology('fabric').filter((s) => s.name === 'mld0');
  return { emulator: () => specs };
}

describe('cxlmi ld set-allocations (Set LD Allocations 5402h)', () => {
  it('sets LD 0 and 1 and shows what the MLD applied; ld allocations then agrees', async () => {
    const io = fabric();
    const r = await cli(['--emulate', 'ld', 'set-allocations', '512M,256M:256M', '--yes'], io);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}0 +512 MiB +0 B$/m);
    assert.match(r.out, /^ {2}1 +256 MiB +256 MiB$/m);
    const a = await cli(['--emulate', 'ld', 'allocations', '--json'], io);
    const list = JSON.parse(a.out).ld_allocation_list;
    // multiples of 256 MiB (memory granularity 0, CXL r3.1 Table 7-39)
    assert.deepEqual(list[0], { range_1_allocation_mult: 2, range_2_allocation_mult: 0 });
    assert.deepEqual(list[1], { range_1_allocation_mult: 1, range_2_allocation_mult: 1 });
    assert.deepEqual(list[2], { range_1_allocation_mult: 4, range_2_allocation_mult: 0 });
  });

  it('--json is the Set LD Allocations output, in granularity multiples, from --start-ld', async () => {
    const r = await cli(
      ['--emulate', 'ld', 'set-allocations', '768M', '--start-ld', '3', '--yes', '--json'],
      fabric(),
    );
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), {
      number_ld: 1,
      start_ld_id: 3,
      ld_allocation_list: [{ range_1_allocation_mult: 3, range_2_allocation_mult: 0 }],
    });
  });

  it('needs --yes without a terminal and leaves the allocations alone', async () => {
    const io = mldOnly();
    const r = await cli(['--emulate', 'ld', 'set-allocations', '256M'], io);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /not confirmed: add --yes to change the memory allocation of LD 0 of emulator:mld0/);
    const a = await cli(['--emulate', 'ld', 'allocations', '--json'], io);
    assert.equal(JSON.parse(a.out).ld_allocation_list[0].range_1_allocation_mult, 4);
  });

  it('a size off the granularity is a usage error; more than the device holds is Invalid Input', async () => {
    const off = await cli(['--emulate=fabric', 'ld', 'set-allocations', '100M', '--yes']);
    assert.match(
      off.err,
      /emulator:mld0 \(Type 3, serial 0x4d4c440000000000\): LD 0 range 1 is not a multiple of the granularity \(256 MiB\)/,
    );
    const big = await cli(['--emulate=fabric', 'ld', 'set-allocations', '4G', '--yes']);
    assert.equal(big.code, EXIT_DEVICE);
    assert.match(
      big.err,
      /emulator:mld0 \(Type 3, serial 0x4d4c440000000000\): fmapi_set_ld_allocations .*Invalid Input/,
    );
  });
});

describe('cxlmi ld qos (FM-API QoS of an MLD, 5403h-5409h)', () => {
  it('qos set changes the settings given and keeps the others (text and --json)', async () => {
    const io = fabric();
    const t = await cli(['--emulate', 'ld', 'qos', 'set', '--moderate', '20', '--severe', '40'], io);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /^ {2}egress_moderate_percentage +20$/m);
    const j = await cli(['--emulate', 'ld', 'qos', 'set', '--completion-interval', '32', '--json'], io);
    const v = JSON.parse(j.out);
    assert.equal(v.completion_collection_interval, 32);
    assert.equal(v.egress_severe_percentage, 40);
    const show = await cli(['--emulate', 'ld', 'qos', '--json'], io);
    assert.equal(JSON.parse(show.out).control.egress_moderate_percentage, 20);
  });

  it('qos set: moderate above severe is refused by the MLD', async () => {
    const r = await cli(['--emulate=fabric', 'ld', 'qos', 'set', '--moderate', '50', '--severe', '30']);
    assert.equal(r.code, EXIT_DEVICE);
    assert.match(r.err, /fmapi_set_qos_control .*Invalid Input/);
  });

  it('set-bw and set-bw-limit change the fractions that qos bw shows', async () => {
    const io = fabric();
    const bw = await cli(['--emulate', 'ld', 'qos', 'set-bw', '32,25%'], io);
    assert.equal(bw.code, 0, bw.err);
    assert.match(bw.out, /^ {2}1 +64\/256 \(25\.0%\)$/m);
    const lim = await cli(['--emulate', 'ld', 'qos', 'set-bw-limit', '128', '--start-ld', '3', '--json'], io);
    assert.deepEqual(JSON.parse(lim.out), { number_ld: 1, start_ld_id: 3, qos_limit_fraction: '80' });
    const show = await cli(['--emulate', 'ld', 'qos', 'bw', '--json'], io);
    const v = JSON.parse(show.out);
    assert.equal(v.allocated.qos_allocation_fraction.slice(0, 4), '2040');
    assert.equal(v.limit.qos_limit_fraction.slice(6, 8), '80');
    const text = await cli(['--emulate', 'ld', 'qos', 'bw'], io);
    assert.match(text.out, /^ {2}0 +32\/256 \(12\.5%\) +\d+\/256/m);
  });

  it('fractions that add up to more than 256/256 are refused; a bad fraction is a usage error', async () => {
    const r = await cli(['--emulate=fabric', 'ld', 'qos', 'set-bw', '200,200']);
    assert.equal(r.code, EXIT_DEVICE);
    const bad = await cli(['--emulate=fabric', 'ld', 'qos', 'set-bw', '300']);
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.err, /0\.\.255 \(n\/256\) or a percentage, got '300'/);
  });
});
