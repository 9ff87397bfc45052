import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Lab } from '../../src/emulator/service/lab.js';
import { type ServedCommand, serveEmulator } from '../../src/emulator/service/serve.js';
import { cxlmiProcess, cxlmiRun } from '../helpers/cxlmi-process.js';
import { cli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-emulate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('cxlmi emulate --listen (separate processes)', () => {
  it('keeps state across cxlmi processes, and --state brings a changed device back after a restart', async () => {
    const svc = cxlmiProcess(['emulate', '--listen', 'lab.sock', '--state', 'lab.json'], dir);
    await svc.waitFor(/running until Ctrl-C/);
    assert.match(svc.out(), /emu:lab\.sock#type3/);

    const set = await cxlmiRun(['security', 'set-passphrase', 'emu:lab.sock', '--new', 's3cret'], dir);
    assert.equal(set.code, 0, set.err);
    const state = await cxlmiRun(['security', 'state', 'emu:lab.sock#type3', '--json'], dir);
    assert.equal(state.code, 0, state.err);
    assert.equal(JSON.parse(state.out).security_state_bits.user_passphrase_set, true);

    svc.child.kill('SIGTERM');
    assert.equal(await svc.exited, 0, svc.err());
    assert.match(svc.err(), /state saved to lab\.json/);
    assert.equal(existsSync(join(dir, 'lab.sock')), false, 'the socket is removed');
    const saved = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8'));
    assert.equal(saved.version, 1);

    // Restarted from the file: the passphrase is still set, so a wrong one is refused.
    const again = cxlmiProcess(['emulate', '--listen', 'lab.sock', '--state', 'lab.json'], dir);
    await again.waitFor(/running until Ctrl-C/);
    assert.match(again.err(), /state loaded from lab\.json/);
    const wrong = await cxlmiRun(['security', 'disable', 'emu:lab.sock', '--passphrase', 'nope'], dir);
    assert.equal(wrong.code, 4, 'a device return code');
    const right = await cxlmiRun(
      ['security', 'disable', 'emu:lab.sock', '--passphrase', 's3cret', '--json'],
      dir,
    );
    assert.equal(right.code, 0, right.err);
    assert.equal(JSON.parse(right.out).security_state_bits.user_passphrase_set, false);
    again.child.kill('SIGINT');
    assert.equal(await again.exited, 0, again.err());
  });

  it('events raised by one client reach another client’s events follow', async () => {
    const path = join(dir, 'events.sock');
    const lab = new Lab('fabric');
    const svc = await serveEmulator({ devices: lab.devices, path });
    try {
      const follow = cxlmiProcess(
        ['events', 'follow', `emu:${path}#mhd0`, '--json', '--interval', '50'],
        dir,
      );
      while (svc.clients === 0) await new Promise((r) => setTimeout(r, 20));
      const add = await cli(['dcd', 'initiate-add', '--length', '64M', `emu:${path}#mhd0`]);
      assert.equal(add.code, 0, add.err);
      await follow.waitFor(/Dynamic Capacity|dynamic_capacity/i);
      const line = JSON.parse(follow.out().trim().split('\n')[0]);
      assert.equal(line.endpoint, `emu:${path}#mhd0`);
      assert.equal(line.log_name, 'dcd');
      follow.child.kill('SIGINT');
      await follow.exited;
    } finally {
      await svc.close();
    }
  });

  it('a client killed mid-transfer leaves the device usable by the next', async () => {
    const path = join(dir, 'kill.sock');
    const lab = new Lab('default');
    const log: ServedCommand[] = [];
    const svc = await serveEmulator({
      devices: lab.devices,
      path,
      latencyMs: 10,
      onCommand: (c) => log.push(c),
    });
    const image = join(dir, 'image.bin');
    writeFileSync(image, new Uint8Array(64 * 1024).fill(0x5a));
    try {
      const victim = cxlmiProcess(['fw', 'update', image, `emu:${path}`], dir);
      // Killed once a few parts of the package have gone over (Transfer FW is 0201h).
      while (log.filter((c) => c.opcode === 0x0201 && c.phase === 'end').length < 3) {
        await new Promise((r) => setTimeout(r, 5));
      }
      victim.child.kill('SIGKILL');
      await victim.exited;
      // The device answers the next client at once, and keeps the half-done transfer as the
      // spec says: a new one is refused until the host aborts it or its part timeout passes.
      const info = await cli(['fw', 'info', `emu:${path}`, '--json']);
      assert.equal(info.code, 0, info.err);
      const refused = await cli(['fw', 'update', image, `emu:${path}`]);
      assert.equal(refused.code, 4, refused.err);
      assert.match(refused.err, /Transfer.*Progress/i);
      lab.clock.resume(lab.clock.now() + 31_000); // the 30 s part timeout of the emulated firmware
      const update = await cli(['fw', 'update', image, `emu:${path}`, '--json']);
      assert.equal(update.code, 0, update.err);
    } finally {
      await svc.close();
    }
  });
});
