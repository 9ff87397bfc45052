import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Lab } from '../../src/emulator/service/lab.js';
import type { Type3Device } from '../../src/emulator/type3.js';
import { cli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-emu-targets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('emulator:NAME targets', () => {
  it('names what list prints, and opens only that device', async () => {
    const list = await cli(['--emulate=fabric', 'list', '--json']);
    assert.equal(list.code, 0, list.err);
    const rows = JSON.parse(list.out) as { endpoint: string; serial_num: string | number }[];
    assert.deepEqual(
      rows.map((r) => r.endpoint),
      ['emulator:switch0', 'emulator:mld0', 'emulator:mhd0'],
    );
    const one = await cli(['--emulate=fabric', 'identify', 'emulator:mhd0', '--json']);
    assert.equal(one.code, 0, one.err);
    assert.equal(String(JSON.parse(one.out).serial_num), String(rows[2].serial_num), 'the device list named');
    // Without --emulate the built-in fabric's names are known too, and the default device's.
    const text = await cli(['identify', 'emulator:mhd0', 'emulator:type3']);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /^emulator:mhd0$/m);
    assert.match(text.out, /^emulator:type3$/m);
    assert.doesNotMatch(text.out, /switch0|mld0/);
  });

  it('an unknown name is a usage error that lists the names', async () => {
    const r = await cli(['identify', 'emulator:nope']);
    assert.equal(r.code, 2);
    assert.match(r.err, /no emulated device named nope; there are: emulator:type3, emulator:switch0/);
    const e = await cli(['identify', 'emu:']);
    assert.equal(e.code, 2);
    assert.match(e.err, /socket path/);
  });
});

/** `cxlmi emulate` in this process, stopped by the signals it is given. */
async function service(args: string[]) {
  const signals = new EventEmitter();
  let out = '';
  let err = '';
  const done = cli(['emulate', ...args], {
    signals,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  });
  while (!out.includes('running until')) {
    if (err) assert.fail(err);
    await new Promise((r) => setTimeout(r, 5));
  }
  return { signals, done, out: () => out, err: () => err };
}

describe('cxlmi emulate --reset and SIGHUP', () => {
  it('a reset locks a device with a passphrase and activates the firmware staged for it; SIGHUP saves that', async () => {
    const sock = join(dir, 'r.sock');
    const state = join(dir, 'r.json');
    const image = join(dir, 'fw.bin');
    writeFileSync(image, new Uint8Array(4096).fill(7));
    const svc = await service(['--listen', sock, '--state', state]);
    assert.match(svc.out(), new RegExp(`emu:${sock}#type3`));

    assert.equal((await cli(['security', 'set-passphrase', `emu:${sock}`, '--new', 's3cret'])).code, 0);
    assert.equal((await cli(['fw', 'update', image, `emu:${sock}`, '--slot', '2'])).code, 0);
    assert.equal((await cli(['fw', 'activate', '2', `emu:${sock}`, '--on-reset', '--yes'])).code, 0);
    const reset = await cli(['emulate', '--reset', `emu:${sock}`]);
    assert.equal(reset.code, 0, reset.err);
    assert.equal(reset.out, `emu:${sock}#type3: reset\n`);

    const sec = JSON.parse((await cli(['security', 'state', `emu:${sock}`, '--json'])).out);
    assert.equal(sec.security_state_bits.locked, true);
    const fw = JSON.parse((await cli(['fw', 'info', `emu:${sock}`, '--json'])).out);
    assert.equal(fw.slot_info_bits.active_slot, 2);

    svc.signals.emit('SIGHUP');
    assert.ok(existsSync(state), 'SIGHUP saved the state while serving');
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    assert.ok(saved.journal.some((e: { reset?: boolean }) => e.reset === true));
    const lab = Lab.load(state, readFileSync(state, 'utf8'));
    assert.equal((lab.devices[0].device as Type3Device).generic.firmware.activeSlot, 2);

    svc.signals.emit('SIGTERM');
    assert.equal((await svc.done).code, 0);
    assert.equal(existsSync(sock), false);

    const bad = await cli(['emulate', '--reset', 'mem0']);
    assert.equal(bad.code, 2);
    const none = await cli(['emulate']);
    assert.equal(none.code, 2);
    assert.match(none.err, /--listen PATH/);
  });
});
