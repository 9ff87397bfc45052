import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Lab } from '../../../src/emulator/service/lab.js';
import { type ServedCommand, serveEmulator } from '../../../src/emulator/service/serve.js';
import { Type3Device } from '../../../src/emulator/type3.js';
import { Context } from '../../../src/endpoint/context.js';
import type { Endpoint } from '../../../src/endpoint/endpoint.js';
import { CxlmiTransportError, CxlmiUsageError } from '../../../src/errors.js';
import { openEmuService } from '../../../src/transport/emu/emu-link.js';

const dir = mkdtempSync(join(tmpdir(), 'cxlmi-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const sock = () => join(dir, `s${++n}.sock`);

async function open(ctx: Context, path: string, name?: string): Promise<Endpoint[]> {
  const out: Endpoint[] = [];
  for (const t of await openEmuService(path, name)) out.push(await ctx.openTransport(t));
  return out;
}

describe('serveEmulator', () => {
  it('serves devices by name; emu:PATH opens them all, emu:PATH#NAME one', async () => {
    const path = sock();
    const a = new Type3Device({ serialNumber: 0xa1n });
    const b = new Type3Device({ serialNumber: 0xb2n });
    const svc = await serveEmulator({
      devices: [
        { name: 'a', device: a },
        { name: 'b', device: b },
      ],
      path,
    });
    const ctx = new Context({ probe: false });
    try {
      assert.ok(statSync(path).isSocket());
      const all = await open(ctx, path);
      assert.deepEqual(
        all.map((e) => e.description),
        [`emu:${path}#a`, `emu:${path}#b`],
      );
      assert.deepEqual(await Promise.all(all.map(async (e) => (await e.identify()).serial_num)), [
        0xa1n,
        0xb2n,
      ]);
      const [one] = await open(ctx, path, 'b');
      assert.equal((await one.identify()).serial_num, 0xb2n);
      await assert.rejects(
        open(ctx, path, 'c'),
        (e) => e instanceof CxlmiUsageError && /has: a, b/.test(e.message),
      );
    } finally {
      await ctx.close();
      await svc.close();
    }
    assert.throws(() => statSync(path), 'the socket is removed on close');
  });

  it('says how to start a service when none listens, and refuses a path that is not a socket', async () => {
    const path = sock();
    await assert.rejects(
      openEmuService(path),
      (e) =>
        e instanceof CxlmiTransportError &&
        /ENOENT/.test(e.message) &&
        /cxlmi emulate --listen/.test(e.message),
    );
    writeFileSync(path, 'precious');
    await assert.rejects(
      serveEmulator({ devices: [{ name: 'x', device: new Type3Device() }], path }),
      (e) =>
        e instanceof CxlmiTransportError && /EADDRINUSE/.test(e.message) && /not a socket/.test(e.message),
    );
    assert.equal(statSync(path).size, 8, 'the file in the way is left alone');
  });

  it('replaces the socket of a service that died without removing it', async () => {
    const path = sock();
    // A service killed outright: its socket file stays behind with nobody listening.
    spawnSync(process.execPath, [
      '-e',
      `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    assert.ok(statSync(path).isSocket());
    const svc = await serveEmulator({ devices: [{ name: 'x', device: new Type3Device() }], path });
    const ctx = new Context({ probe: false });
    const [ep] = await open(ctx, path);
    assert.equal((await ep.identify()).component_type, 3);
    await ctx.close();
    await svc.close();
  });

  it('runs one command at a time per device, and different devices concurrently', async () => {
    const path = sock();
    const log: ServedCommand[] = [];
    const svc = await serveEmulator({
      devices: [
        { name: 'a', device: new Type3Device() },
        { name: 'b', device: new Type3Device() },
      ],
      path,
      latencyMs: 5,
      onCommand: (c) => log.push(c),
    });
    const contexts = [0, 1, 2, 3].map(() => new Context({ probe: false }));
    try {
      // Four clients, each with its own connection, all hammering both devices at once.
      const eps = await Promise.all(contexts.map((c) => open(c, path)));
      await Promise.all(
        eps.flatMap(([a, b]) => [
          (async () => {
            for (let i = 0; i < 3; i++) await a.getHealthInfo();
          })(),
          (async () => {
            for (let i = 0; i < 3; i++) await b.identify();
          })(),
        ]),
      );
    } finally {
      for (const c of contexts) await c.close();
      await svc.close();
    }
    for (const dev of ['a', 'b']) {
      const phases = log.filter((c) => c.device === dev).map((c) => c.phase);
      assert.equal(phases.length, 24, `${dev}: 12 commands started and ended`);
      // Serialised: every start is followed by its end before the next start.
      assert.deepEqual(
        phases,
        Array.from({ length: 24 }, (_, i) => (i % 2 ? 'end' : 'start')),
      );
      const clients = new Set(log.filter((c) => c.device === dev).map((c) => c.client));
      assert.equal(clients.size, 4, `${dev} served all four clients`);
    }
    // Concurrent across devices: some command on b started while one on a was in flight.
    let aBusy = false;
    let overlapped = false;
    for (const c of log) {
      if (c.device === 'a') aBusy = c.phase === 'start';
      else if (c.phase === 'start' && aBusy) overlapped = true;
    }
    assert.ok(overlapped, 'the two devices overlapped');
  });

  it('a client that disconnects mid-command leaves the device consistent and serving others', async () => {
    const path = sock();
    const device = new Type3Device();
    const log: ServedCommand[] = [];
    const svc = await serveEmulator({
      devices: [{ name: 'd', device }],
      path,
      latencyMs: 20,
      onCommand: (c) => log.push(c),
    });
    const ctx = new Context({ probe: false });
    try {
      const [ep] = await open(ctx, path);
      const state = await ep.getSecurityState();
      // A raw client sends Set Passphrase and, right behind it, Identify; then it vanishes.
      const raw = connect({ path });
      await new Promise((r) => raw.once('data', r)); // greeting
      // CXL r3.1 Table 8-121: type (1 = user), 31 reserved bytes, current, new (32 bytes each).
      const setPass = Buffer.alloc(12 + 96);
      setPass.writeUInt8(1, 12);
      setPass.writeUInt16LE(0x4501, 3);
      setPass.writeUInt16LE(96, 5);
      setPass.fill(0x61, 12 + 64, 12 + 64 + 6); // new passphrase "aaaaaa"
      const frame = (m: Buffer) => {
        const f = Buffer.alloc(7 + m.length);
        f.writeUInt32LE(3 + m.length, 0);
        f[4] = 2;
        f.writeUInt16LE(0, 5);
        m.copy(f, 7);
        return f;
      };
      const identify = Buffer.from([0, 1, 0, 0x01, 0x40, 0, 0, 0, 0, 0, 0, 0]);
      raw.write(Buffer.concat([frame(setPass), frame(identify)]));
      await new Promise<void>((r) => {
        const t = setInterval(() => {
          if (log.some((c) => c.client > 1 && c.phase === 'start')) {
            clearInterval(t);
            r();
          }
        }, 1);
      });
      raw.destroy(); // mid-command: Set Passphrase is in flight, Identify queued
      const after = await ep.getSecurityState();
      assert.equal(after.security_state_bits.user_passphrase_set, true, 'the command in flight completed');
      assert.equal(state.security_state_bits.user_passphrase_set, false);
      const rawCommands = log.filter((c) => c.client > 1 && c.phase === 'start').map((c) => c.opcode);
      assert.deepEqual(rawCommands, [0x4501], 'the queued command of the client that left was not run');
      assert.equal((await ep.identify()).component_type, 3, 'the device still answers');
    } finally {
      await ctx.close();
      await svc.close();
    }
  });

  it('shows a background operation one client started to another', async () => {
    const path = sock();
    // A stopped device clock: the sanitize is still running whenever the second client asks.
    const device = new Type3Device({ clock: () => 0 });
    const svc = await serveEmulator({ devices: [{ name: 'd', device }], path });
    const one = new Context({ probe: false });
    const two = new Context({ probe: false });
    try {
      const [a] = await open(one, path);
      const [b] = await open(two, path);
      assert.equal((await a.sanitize()).background, true);
      const st = await b.bgOpStatus();
      assert.equal(st.opcode, 0x4400);
      assert.equal(st.status_bits.in_progress, true);
    } finally {
      await one.close();
      await two.close();
      await svc.close();
    }
  });

  it('a lab journal brings a changed device back (the --state file), on the clock it ran on', async () => {
    const path = sock();
    const lab = new Lab('default');
    const svc = await serveEmulator({ devices: lab.devices, path, onDispatch: lab.record });
    const ctx = new Context({ probe: false });
    const [ep] = await open(ctx, path);
    const pass = new Uint8Array(32).fill(0x73);
    await ep.setPassphrase({
      passphrase_type: 1,
      current_passphrase: new Uint8Array(32),
      new_passphrase: pass,
    });
    await ep.injectPoison({ inject_poison_phy_addr: 0x2000n });
    await ep.scanMedia({
      scan_media_physaddr: 0n,
      scan_media_physaddr_length: 1n << 20n,
      scan_media_flags: 0,
    });
    await ctx.close();
    await svc.close();
    const file = join(dir, 'state.json');
    lab.save(file);
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file, 'utf8');
    const saved = JSON.parse(text);
    assert.equal(saved.format, 'cxlmi-emulator-state');
    assert.equal(saved.version, 1);
    assert.equal(saved.topology, 'default');
    assert.deepEqual(
      saved.journal.map((e: { request: string }) => e.request.slice(6, 10)),
      ['0145', '0143', '0443'],
      'Set Passphrase 4501h, Inject Poison 4301h, Scan Media 4304h: opcodes little-endian',
    );

    const back = Lab.load(file, text);
    const ctx2 = new Context({ probe: false });
    const path2 = sock();
    const svc2 = await serveEmulator({ devices: back.devices, path: path2 });
    const [ep2] = await open(ctx2, path2);
    try {
      assert.equal((await ep2.getSecurityState()).security_state_bits.user_passphrase_set, true);
      const bg = await ep2.bgOpStatus();
      assert.equal(bg.opcode, 0x4304, 'the scan started before saving is the last background operation');
      const list = await ep2.getPoisonList({
        get_poison_list_phy_addr: 0n,
        get_poison_list_phy_addr_len: 0x10000n,
      });
      assert.deepEqual(
        list.records.map((r) => r.media_err_addr & ~0x3fn),
        [0x2000n],
      );
    } finally {
      await ctx2.close();
      await svc2.close();
    }
    assert.throws(
      () => Lab.load(file, text.replace('"version": 1', '"version": 2')),
      (e) => e instanceof CxlmiUsageError && /version 2/.test(e.message),
    );
    assert.throws(
      () => Lab.load(file, text, 'fabric'),
      (e) => e instanceof CxlmiUsageError && /another topology/.test(e.message),
    );
  });
});
