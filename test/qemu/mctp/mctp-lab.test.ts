/**
 * The MCTP lab (npm run test:mctp, or test:mctp:uml): our MCTP transport through a real Linux
 * 6.12 AF_MCTP stack. Two guests run the same checks, both on a kernel built from Debian's
 * linux-source-6.12 (build-kernel.sh): QEMU/TCG (the default, MCTP_LAB_GUEST=qemu) runs the
 * mctp-serial line discipline on a virtio console; user-mode Linux (MCTP_LAB_GUEST=uml, see
 * uml-guest.ts) on a pty relayed to its serial line. The other end is this process's
 * serveMctpSerial(): an emulated Type 3 device at EID 9 (type 08h) and the default fabric's
 * switch at EID 10 (type 07h). One node process in the guest runs every check
 * (guest/run-checks.ts); each becomes a test here. Faults are asked for over a second line.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { defaultFabric } from '../../../src/emulator/fabric/fabric.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { type MctpSerialServer, serveMctpSerial } from '../../../src/emulator/mctp/serve.js';
import { Type3Device } from '../../../src/emulator/type3.js';
import { Context } from '../../../src/index.js';
import { needs } from '../../helpers/prerequisite.js';
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
import { type BootResult, boot, buildInitramfs, ensureKernel, projectRoot } from './mctp-guest.js';
import { bootUml, UML_CONTROL_LINE, UML_MCTP_LINE } from './uml-guest.js';

const jsRoot = path.join(projectRoot, '.cache', 'mctp-lab', 'js');
const guestScript = path.join(jsRoot, 'test', 'qemu', 'mctp', 'guest', 'run-checks.js');
const TYPE3_SERIAL = 0x5ca1ab1e0000cafen;

const guest = process.env.MCTP_LAB_GUEST ?? 'qemu';
if (guest !== 'qemu' && guest !== 'uml') throw new Error(`MCTP_LAB_GUEST=${guest}: qemu or uml`);

/** What this guest needs from the host beyond the kernel build's tools; undefined when all there. */
function missingPrerequisite(): string | undefined {
  const inPath = (cmd: string) =>
    (process.env.PATH ?? '').split(':').some((d) => d !== '' && existsSync(path.join(d, cmd)));
  if (!inPath('setpriv')) return 'setpriv (util-linux) is not installed';
  if (guest === 'qemu')
    return inPath('qemu-system-x86_64') ? undefined : 'qemu-system-x86_64 is not installed';
  if (!existsSync('/bin/busybox'))
    return '/bin/busybox (busybox-static) is not installed: the UML guest powers off with it';
  // UML runs its guest processes under ptrace; Yama's scope 3 forbids every attach.
  try {
    if (readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8').trim() === '3')
      return 'ptrace is disabled (kernel.yama.ptrace_scope = 3): user-mode Linux cannot run its processes';
  } catch {}
  return undefined;
}
const missing = missingPrerequisite();

let temp: string | undefined;
after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

const secs = (ms: number | undefined) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`);

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

test(
  `MCTP over serial: Linux 6.12 AF_MCTP (${guest === 'uml' ? 'user-mode Linux' : 'QEMU/TCG'}) to the emulator`,
  needs(!missing, missing ?? ''),
  async (t) => {
    if (missing) throw new Error(`${missing}; CI must install it (.ci/run)`);
    const labStart = performance.now();
    let t0 = performance.now();
    const kernel = ensureKernel(guest === 'uml' ? 'um' : 'x86_64');
    const kernelMs = performance.now() - t0;
    t0 = performance.now();
    const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    execFileSync(process.execPath, [tsc, '-p', path.join('test', 'qemu', 'mctp', 'tsconfig.guest.json')], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    const compileMs = performance.now() - t0;
    temp = mkdtempSync(path.join(tmpdir(), 'cxlmi-mctp-lab-'));
    const type3 = new Type3Device({ serialNumber: TYPE3_SERIAL });
    const fabric = defaultFabric();
    const mld = fabric.nodes.get('mld0');
    assert.ok(mld?.kind === 'mld' && fabric.switch);
    // The CEL's length, read in-process from a twin device (not over MCTP).
    const twin = new Context({ probe: false });
    const celEntries = (await (await twin.openTransport(emulatorTransport(new Type3Device()))).getCel())
      .length;
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
      ...(guest === 'uml'
        ? { mctpLine: UML_MCTP_LINE, relay: true, controlLine: UML_CONTROL_LINE }
        : { mctpLine: '/dev/hvc0', relay: false }),
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

    const r: BootResult =
      guest === 'uml'
        ? await bootUml({
            kernel: kernel.path,
            ioDir: io,
            mctpSocket,
            controlSocket,
            umlDir: temp,
            timeoutMs: 420_000,
          })
        : await boot({
            kernel: kernel.path,
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
    const linkUp = r.marks['link-up'];
    const checksMs = r.marks.done !== undefined && linkUp !== undefined ? r.marks.done - linkUp : undefined;
    // One line .ci/run's log shows for each guest: what this run cost, step by step.
    const timing = `[mctp-lab ${guest}] kernel ${secs(kernelMs)} (${kernel.built ? 'built now' : 'cached'}), guest code compiled ${secs(compileMs)}, boot to link-up ${secs(linkUp)}, checks ${secs(checksMs)}, guest start to exit ${secs(r.durationMs)}, total ${secs(performance.now() - labStart)}`;
    t.diagnostic(timing);
    process.stderr.write(`${timing}\n`);
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
      assert.deepEqual(
        type3.memdev.lsa.read(cfg.lsaOffset, cfg.lsaLength),
        labBytes(cfg.lsaLength, LSA_SEED),
      );
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
  },
);
