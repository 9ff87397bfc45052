/**
 * The MCTP lab (npm run test:mctp): our MCTP transport through a real Linux 6.12 AF_MCTP stack.
 * The guest's kernel (built from Debian's linux-source-6.12, see build-kernel.sh) runs the
 * mctp-serial line discipline on a virtio console whose other end is this process's
 * serveMctpSerial(): an emulated Type 3 device at EID 9 (type 08h) and the default fabric's
 * switch at EID 10 (type 07h). One node process in the guest runs every check
 * (guest/run-checks.ts); each becomes a test here. Faults are asked for over a second port.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { defaultFabric } from '../../../src/emulator/fabric/fabric.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { type MctpSerialServer, serveMctpSerial } from '../../../src/emulator/mctp/serve.js';
import { Type3Device } from '../../../src/emulator/type3.js';
import { Context } from '../../../src/index.js';
import { mctpdChecks } from './guest/discovery-checks.js';
import { mctpChecks, SETUP_CHECKS } from './guest/mctp-checks.js';
import {
  type ControlRequest,
  FW_SEED,
  LSA_SEED,
  labBytes,
  MCTP_LAB_CONFIG_ENV,
  MCTP_REPORT_PREFIX,
  type MctpLabConfig,
} from './guest/mctp-lab-config.js';
import { boot, buildInitramfs, ensureKernel, projectRoot } from './mctp-guest.js';

const jsRoot = path.join(projectRoot, '.cache', 'mctp-lab', 'js');
const guestScript = path.join(jsRoot, 'test', 'qemu', 'mctp', 'guest', 'run-checks.js');
const TYPE3_SERIAL = 0x5ca1ab1e0000cafen;

let kernel: string;
let temp: string;
before(() => {
  let t0 = performance.now();
  kernel = ensureKernel();
  const kernelMs = performance.now() - t0;
  t0 = performance.now();
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join('test', 'qemu', 'mctp', 'tsconfig.guest.json')], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  temp = mkdtempSync(path.join(tmpdir(), 'cxlmi-mctp-lab-'));
  process.stderr.write(
    `[mctp-lab] kernel ready in ${(kernelMs / 1000).toFixed(1)} s, guest compiled in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
});
after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** The control port: one JSON request per line from the guest, applied to the peer. */
function controlServer(socket: string, server: MctpSerialServer): Server {
  return createServer((conn) => {
    let pending = '';
    conn.on('data', (b) => {
      pending += b.toString('utf8');
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        let answer: { ok: boolean; value?: unknown; error?: string };
        try {
          const req = JSON.parse(line) as ControlRequest;
          if (req.op === 'fault') server.peer.faults.add(req.rule);
          else if (req.op === 'clear') server.peer.faults.clear();
          answer = { ok: true, value: req.op === 'stats' ? server.peer.stats : undefined };
        } catch (e) {
          answer = { ok: false, error: (e as Error).message };
        }
        conn.write(`${JSON.stringify(answer)}\n`);
      }
    });
    conn.on('error', () => {});
  }).listen(socket);
}

test('MCTP over serial: Linux 6.12 AF_MCTP to the emulator', async (t) => {
  const type3 = new Type3Device({ serialNumber: TYPE3_SERIAL });
  const fabric = defaultFabric();
  const mld = fabric.nodes.get('mld0');
  assert.ok(mld?.kind === 'mld' && fabric.switch);
  // The CEL's length, read in-process from a twin device (not over MCTP).
  const twin = new Context({ probe: false });
  const celEntries = (await (await twin.openTransport(emulatorTransport(new Type3Device()))).getCel()).length;
  await twin.close();

  const cfg: MctpLabConfig = {
    net: 1,
    localEid: 8,
    type3Eid: 9,
    switchEid: 10,
    unroutedEid: 42,
    type3Serial: `0x${TYPE3_SERIAL.toString(16)}`,
    mldSerial: `0x${mld.device.cci.options.serialNumber.toString(16)}`,
    ld0Serial: `0x${mld.device.lds[0].options.serialNumber.toString(16)}`,
    mldPort: 2,
    celEntries,
    lsaOffset: 0x400,
    lsaLength: 1024,
    fwSlot: 2,
    fwLength: 3000,
  };

  const io = path.join(temp, 'io');
  mkdirSync(io);
  const mctpSocket = path.join(temp, 'mctp.sock');
  const controlSocket = path.join(temp, 'ctl.sock');
  const server = await serveMctpSerial({
    path: mctpSocket,
    devices: [
      { eid: cfg.type3Eid, cci: type3 },
      { eid: cfg.switchEid, fmapi: fabric.switch },
    ],
  });
  const ctl = controlServer(controlSocket, server);
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    path.join(io, 'run.sh'),
    [
      `cd ${q(projectRoot)} || exit 125`,
      `export ${MCTP_LAB_CONFIG_ENV}=${q(JSON.stringify(cfg))}`,
      `exec ${q(process.execPath)} ${q(guestScript)}`,
      '',
    ].join('\n'),
  );

  const r = await boot({
    kernel,
    initramfs: buildInitramfs(temp),
    ioDir: io,
    mctpSocket,
    controlSocket,
    timeoutMs: 420_000,
  });
  await server.close();
  ctl.close();

  const stdout = readFileSync(path.join(io, 'stdout'), 'utf8').toString();
  const stderr = (() => {
    try {
      return readFileSync(path.join(io, 'stderr'), 'utf8');
    } catch {
      return '';
    }
  })();
  const reports = new Map<
    string,
    { ok: boolean; ms: number; details?: unknown; error?: { message: string; stack?: string } }
  >();
  for (const line of stdout.split('\n')) {
    if (line.startsWith(MCTP_REPORT_PREFIX)) {
      const rep = JSON.parse(line.slice(MCTP_REPORT_PREFIX.length));
      reports.set(rep.name, rep);
    }
  }
  const runMs =
    r.marks.done !== undefined && r.marks.run !== undefined ? r.marks.done - r.marks.run : undefined;
  t.diagnostic(
    `QEMU start to power-off ${(r.durationMs / 1000).toFixed(1)} s; guest node process ${runMs === undefined ? '?' : (runMs / 1000).toFixed(1)} s; boot to chroot ${r.marks.run === undefined ? '?' : (r.marks.run / 1000).toFixed(1)} s`,
  );
  const context = `timed out: ${r.timedOut}; stderr:\n${stderr.slice(-3000)}\nconsole:\n${r.console.slice(-3000)}`;
  const expected = [...SETUP_CHECKS, ...mctpChecks.map((c) => c.name), ...mctpdChecks.map((c) => c.name)];
  for (const name of expected) {
    await t.test(name, (st) => {
      const rep = reports.get(name);
      assert.ok(rep, `the guest did not report this check (${context})`);
      if (!rep.ok) {
        const err = new assert.AssertionError({ message: `in the guest: ${rep.error?.message}` });
        err.stack = `${rep.error?.message}\n${rep.error?.stack ?? ''}`;
        throw err;
      }
      st.diagnostic(`${rep.ms} ms${rep.details === undefined ? '' : ` ${JSON.stringify(rep.details)}`}`);
    });
  }
  assert.deepEqual(
    [...reports.keys()].filter((n) => !expected.includes(n)),
    [],
    'checks the host does not expect',
  );

  await t.test('the emulated device holds what the guest wrote over MCTP (LSA and firmware slot)', () => {
    assert.deepEqual(type3.memdev.lsa.read(cfg.lsaOffset, cfg.lsaLength), labBytes(cfg.lsaLength, LSA_SEED));
    assert.deepEqual(type3.generic.firmware.slots[cfg.fwSlot - 1]?.image, labBytes(cfg.fwLength, FW_SEED));
  });
  await t.test('every frame the kernel sent parsed: no FCS, length or escape errors at the peer', () => {
    const link = [...server.links][0];
    // The link closed with QEMU; the peer's counters stay.
    assert.ok(server.peer.stats.framesIn > 50, `${server.peer.stats.framesIn} frames`);
    assert.equal(server.peer.stats.unknownEid, 0);
    if (link) assert.deepEqual(Object.values(link.decoder.errors), [0, 0, 0, 0, 0]);
  });
  assert.equal(readFileSync(path.join(io, 'exit-code'), 'utf8').trim(), '0', context);
});
