import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_USAGE } from '../../src/cli/exit-codes.js';
import { cli } from './run-cli.js';

describe('fabric management subcommands (against --emulate=fabric)', () => {
  it('fabric draws the switch, its ports and its virtual switch bindings as a tree', async () => {
    const r = await cli(['--emulate=fabric', 'fabric']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^emulator:switch0 {2}switch, vendor 0x1b36/m);
    assert.match(r.out, /^│ {2}├─ port 2: DSP, CXL Type 3 MLD \(4 LDs\), x16$/m);
    assert.match(r.out, /^ {6}├─ vPPB 1: Bound to an LD → port 2 LD 0$/m);
    assert.match(r.out, /^emulator:mld0 {2}memory device/m);
  });

  it('switch ports lists role, device and link; memory devices are left out', async () => {
    const r = await cli(['--emulate=fabric', 'switch', 'ports']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}2 +DSP +CXL Type 3 MLD +x16\/x16 +gen6\/gen6 +4$/m);
    assert.doesNotMatch(r.out, /mld0/);
    assert.equal(r.err, '');
  });

  it('bind then vcs shows the new binding (one emulated fabric across runs)', async () => {
    const { loadTopology } = await import('../../src/emulator/fabric/topology-file.js');
    const specs = loadTopology('fabric');
    const emulator = () => specs;
    const b = await cli(['--emulate', 'switch', 'bind', '0', '2', '2', '--ld-id', '1'], { emulator });
    assert.equal(b.code, 0, b.err);
    const v = await cli(['--emulate', 'switch', 'vcs'], { emulator });
    assert.match(v.out, /^ {4}2 +Bound to an LD +2 +1$/m);
  });

  it('unbind is destructive: it needs --yes without a terminal', async () => {
    const r = await cli(['--emulate=fabric', 'switch', 'unbind', '0', '1']);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /not confirmed: add --yes to unbind vPPB 1 of VCS 0 on emulator:switch0/);
  });

  it('ld info through the switch with --port (tunneling)', async () => {
    const r = await cli(['--emulate=fabric', '--port', '2', 'ld', 'info', '--json']);
    assert.equal(r.code, 0, r.err);
    const v = JSON.parse(r.out);
    assert.equal(v.ld_count, 4);
  });

  it('mhd info reaches the LD pool of the multi-headed device', async () => {
    const r = await cli(['--emulate=fabric', 'mhd', 'info', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).num_heads, 2);
  });
});
