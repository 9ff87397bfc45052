// Boots a Debian kernel under QEMU (TCG) with one emulated CXL Type 3 memory device, runs a
// Node script inside the guest (chrooted into this machine's root, shared read-only over
// 9p), and returns what it printed and its exit code.
//
//   import { runInGuest } from './lab.mjs';
//   const r = await runInGuest({ kernel: '6.12', script: 'test/qemu/probe.mjs', args: [] });
//
// The guest is built by build-guest.sh (called here when the cache lacks it). QEMU is
// always killed: on timeout, on error, and when this process exits.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..', '..');
export const cacheDir = process.env.LAB_CACHE ?? path.join(projectRoot, '.cache', 'qemu-lab');
// The guests (Debian kernels, initramfs) live OUTSIDE the clone, so CI's fresh clones find them
// warm; build-guest.sh keys each by the Debian package version and its own inputs.
export const guestCacheDir =
  process.env.LAB_GUEST_CACHE ??
  path.join(
    process.env.CXLMI_LAB_CACHE ??
      path.join(process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME ?? '/root', '.cache'), 'cxlmi-lab'),
    'qemu-lab',
  );
// LAB_QEMU: another QEMU binary (see fetch-qemu72.sh); LAB_QEMU_EXTRA_ARGS: arguments always
// appended (space-separated, e.g. its -L data folders).
export const qemuBinary = process.env.LAB_QEMU ?? 'qemu-system-x86_64';

const MiB = 1024 * 1024;

/**
 * What the emulated device is configured with. Tests compare decoded values against these.
 * Capacities are multiples of 256 MiB (the CXL capacity unit).
 */
export const defaultDevice = Object.freeze({
  serial: 0x0123456789abcdefn, // cxl-type3 sn=
  persistentBytes: 256 * MiB, // persistent-memdev (memdev= on QEMU < 8)
  volatileBytes: 256 * MiB, // volatile-memdev (QEMU >= 8 only; 0 = none)
  lsaBytes: 256 * 1024, // lsa= backend size = Label Storage Area size
  fmwBytes: 4 * 1024 * MiB, // cxl-fmw.0.size (fixed memory window)
});

/** QOM path of the emulated memory device (for QMP commands such as cxl-inject-poison). */
export const CXL_QOM_PATH = '/machine/peripheral/cxl-mem0';

/**
 * Byte `i` of the Label Storage Area as the lab fills it (option `lsa: 'pattern'`, the
 * default): distinct within every 256-byte page and from page to page, so a read at the
 * wrong offset or a mis-joined chunk shows. Invalid as nvdimm labels, so the kernel leaves it alone.
 */
export function lsaPatternByte(i) {
  return ((i & 0xff) ^ (((i >>> 8) * 0x3b) & 0xff) ^ 0xa5) & 0xff;
}

/** `length` bytes of the lab's LSA pattern starting at `offset`. */
export function lsaPattern(offset, length) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = lsaPatternByte(offset + i);
  return out;
}

let qemuVersionCache;
/** `{ text, major, minor, micro }` of the QEMU binary in use. */
export function qemuVersion() {
  if (!qemuVersionCache) {
    const text = execFileSync(qemuBinary, ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
    const m = /version (\d+)\.(\d+)\.(\d+)/.exec(text);
    if (!m) throw new Error(`cannot read QEMU version from: ${text}`);
    qemuVersionCache = { text, major: +m[1], minor: +m[2], micro: +m[3] };
  }
  return qemuVersionCache;
}

const checkedGuests = new Set();
/**
 * Folder of a built guest. The first call per kernel in this process runs build-guest.sh,
 * which returns at once when its cache is current and (re)builds it otherwise.
 */
export function ensureGuest(kernel) {
  if (!/^\d+\.\d+$/.test(kernel))
    throw new Error(`kernel must be a series like '6.1' or '6.12', got ${kernel}`);
  const dir = path.join(guestCacheDir, 'kernels', kernel);
  if (!checkedGuests.has(kernel)) {
    const r = spawnSync('bash', [path.join(here, 'build-guest.sh'), kernel], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`build-guest.sh ${kernel} failed (exit ${r.status})`);
    checkedGuests.add(kernel);
  }
  return dir;
}

/** The QEMU arguments for one run (exported so tests and notes can show them). */
export function qemuCommandLine({
  guestDir,
  ioDir,
  backingDir,
  device = defaultDevice,
  memory = '1G',
  waitSeconds = 30,
  hostCache = 'loose',
  skipModules = [],
  qemuArgs = [],
}) {
  const v = qemuVersion();
  const modern = v.major >= 8; // persistent-memdev / volatile-memdev appeared in QEMU 8.0
  const type3 = [
    'cxl-type3',
    'bus=cxl_rp0',
    'id=cxl-mem0',
    `sn=${device.serial}`,
    'lsa=cxl-lsa0',
    modern ? 'persistent-memdev=cxl-pmem0' : 'memdev=cxl-pmem0',
  ];
  const objects = [
    '-object',
    `memory-backend-file,id=cxl-pmem0,share=on,mem-path=${path.join(backingDir, 'pmem0.raw')},size=${device.persistentBytes}`,
    '-object',
    `memory-backend-file,id=cxl-lsa0,share=on,mem-path=${path.join(backingDir, 'lsa0.raw')},size=${device.lsaBytes}`,
  ];
  if (modern && device.volatileBytes > 0) {
    objects.push('-object', `memory-backend-ram,id=cxl-vmem0,share=on,size=${device.volatileBytes}`);
    type3.push('volatile-memdev=cxl-vmem0');
  }
  const append = [
    'console=ttyS0',
    'quiet',
    'panic=-1',
    'oops=panic',
    `lab.wait=${waitSeconds}`,
    `lab.hostcache=${hostCache}`,
  ];
  if (skipModules.length) {
    if (!skipModules.every((m) => /^[a-z0-9_]+$/.test(m)))
      throw new Error(`bad module name in ${skipModules}`);
    append.push(`lab.skipmods=${skipModules.join(',')}`);
  }
  return [
    '-machine',
    'q35,accel=tcg,cxl=on',
    '-cpu',
    'qemu64',
    '-smp',
    '1',
    '-m',
    memory,
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-serial',
    'stdio',
    '-no-reboot',
    '-kernel',
    path.join(guestDir, 'vmlinuz'),
    '-initrd',
    path.join(guestDir, 'initramfs.cpio'),
    '-append',
    append.join(' '),
    ...objects,
    '-device',
    'pxb-cxl,id=cxl_hb0,bus=pcie.0,bus_nr=12',
    '-device',
    'cxl-rp,id=cxl_rp0,bus=cxl_hb0,port=0,chassis=0,slot=2',
    '-device',
    type3.join(','),
    '-M',
    `cxl-fmw.0.targets.0=cxl_hb0,cxl-fmw.0.size=${device.fmwBytes}`,
    '-fsdev',
    'local,id=fs_host,path=/,security_model=none,readonly=on,multidevs=remap',
    '-device',
    'virtio-9p-pci,fsdev=fs_host,mount_tag=hostroot,bus=pcie.0',
    '-fsdev',
    `local,id=fs_io,path=${ioDir},security_model=none,multidevs=remap`,
    '-device',
    'virtio-9p-pci,fsdev=fs_io,mount_tag=labio,bus=pcie.0',
    ...(process.env.LAB_QEMU_EXTRA_ARGS ?? '').split(' ').filter(Boolean),
    ...qemuArgs,
  ];
}

/**
 * Talk QMP on a unix socket: capabilities handshake, then each command in turn. Resolves
 * with the `return`/`error` object of each command; async events are skipped.
 */
async function qmpSession(socketPath, commands, timeoutMs) {
  const sock = await new Promise((resolve, reject) => {
    let tries = 0;
    const attempt = () => {
      const c = net.createConnection(socketPath);
      c.once('connect', () => resolve(c));
      c.once('error', (e) => {
        if (++tries > 100) reject(e);
        else setTimeout(attempt, 50); // QEMU has not created the socket yet
      });
    };
    attempt();
  });
  const replies = [];
  let buffer = '';
  const waiters = [];
  sock.setEncoding('utf8');
  sock.on('data', (chunk) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line) continue;
      const msg = JSON.parse(line);
      if (msg.event) continue;
      const w = waiters.shift();
      if (w) w(msg);
    }
  });
  const next = () =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('QMP: no answer')), timeoutMs);
      waiters.push((m) => {
        clearTimeout(t);
        resolve(m);
      });
    });
  try {
    await next(); // greeting
    sock.write(`${JSON.stringify({ execute: 'qmp_capabilities' })}\n`);
    await next();
    for (const cmd of commands) {
      sock.write(`${JSON.stringify(cmd)}\n`);
      const reply = await next();
      replies.push({ command: cmd, ...reply });
    }
  } finally {
    sock.end();
  }
  return replies;
}

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

// Every QEMU we started and that still runs; killed if this process goes away.
const live = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      for (const child of live) {
        try {
          child.kill('SIGKILL');
        } catch {
          /* already gone */
        }
      }
      process.kill(process.pid, sig);
    });
  }
}

function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function readText(file) {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Boot the guest, run `node <script> <args...>` inside it, power off.
 * @param {object} o
 * @param {string} o.kernel       kernel series, e.g. '6.1' or '6.12'
 * @param {string} o.script       path of a Node script on this machine (relative to cwd)
 * @param {string[]} [o.args]     its arguments
 * @param {string[]} [o.nodeArgs] options for node itself, before the script (e.g. ['--import', 'tsx', '--test'])
 * @param {number} [o.timeoutMs]  whole-run limit; QEMU is killed after it (default 180000)
 * @param {string[]} [o.qemuArgs] extra QEMU arguments appended to the command line
 * @param {object} [o.env]        extra environment for the script (the guest starts from an empty one)
 * @param {string} [o.cwd]        working directory in the guest (default: process.cwd())
 * @param {string} [o.memory]     guest RAM, `-m` (default '1G'; keep it <= 2G)
 * @param {object} [o.device]     overrides of defaultDevice
 * @param {number} [o.waitSeconds] how long the guest waits for /dev/cxl/mem0 (default 30)
 * @param {string} [o.hostCache] 9p cache mode of the read-only host root in the guest: 'loose' (default; the
 *   host's files do not change during a run) or 'none'
 * @param {string[]} [o.skipModules] guest modules not to load, e.g. ['cxl_pmem'] so that SET_LSA is
 *   not kept by the kernel (EBUSY) and LSA writes reach the device
 * @param {boolean} [o.keepTemp]  keep the run's temp folder (its path is returned)
 * @param {(argv: string[]) => string[]} [o.transformArgs] rewrite the QEMU argv (experiments)
 * @param {(line: string) => void} [o.onConsole] called with each serial console line
 * @param {'pattern'|'zero'|Uint8Array} [o.lsa] initial Label Storage Area content (default 'pattern', see lsaPatternByte)
 * @param {object[]} [o.qmpCommands] QMP commands ({execute, arguments}) run before the guest
 *   starts, e.g. { execute: 'cxl-inject-poison', arguments: { path: CXL_QOM_PATH, start: 4096, length: 64 } }
 * @returns {Promise<{exitCode: number|null, stdout: string, stderr: string, durationMs: number,
 *   kernelVersion: string|undefined, qemuVersion: string, timedOut: boolean, console: string,
 *   dmesg: string|undefined, marks: Record<string, {hostMs: number, guestS: number}>,
 *   qemuMaxRssKb: number, qemuExit: {code: number|null, signal: string|null}, tempDir?: string}>}
 */
export async function runInGuest(o) {
  const {
    kernel,
    script,
    args = [],
    timeoutMs = 180_000,
    qemuArgs = [],
    env = {},
    cwd = process.cwd(),
    memory = '1G',
    waitSeconds = 30,
    keepTemp = false,
    nodeArgs = [],
  } = o;
  const device = { ...defaultDevice, ...(o.device ?? {}) };
  if (qemuVersion().major < 8) device.volatileBytes = 0; // QEMU 7.2's cxl-type3 is persistent-only
  if (!script) throw new Error('runInGuest: script is required');
  const guestDir = ensureGuest(kernel);
  const temp = await mkdtemp(path.join(tmpdir(), 'cxlmi-lab-'));
  const ioDir = path.join(temp, 'io');
  const backingDir = path.join(temp, 'backing');
  await mkdir(ioDir);
  await mkdir(backingDir);

  const lines = [
    `cd ${shq(path.resolve(cwd))} || exit 125`,
    ...Object.entries(env).map(([k, v]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`bad env name ${k}`);
      return `export ${k}=${shq(v)}`;
    }),
    `exec ${[process.execPath, ...nodeArgs, path.resolve(cwd, script), ...args].map(shq).join(' ')}`,
  ];
  await writeFile(path.join(ioDir, 'run.sh'), `${lines.join('\n')}\n`);

  // The LSA backing file: pattern (default), zeros, or caller-given bytes (padded with zeros).
  const lsaInit = o.lsa ?? 'pattern';
  if (lsaInit !== 'zero') {
    const lsa = lsaInit === 'pattern' ? lsaPattern(0, device.lsaBytes) : new Uint8Array(device.lsaBytes);
    if (lsaInit instanceof Uint8Array) lsa.set(lsaInit.subarray(0, device.lsaBytes));
    await writeFile(path.join(backingDir, 'lsa0.raw'), lsa);
  }

  let argv = qemuCommandLine({
    guestDir,
    ioDir,
    backingDir,
    device,
    memory,
    waitSeconds,
    hostCache: o.hostCache ?? 'loose',
    skipModules: o.skipModules ?? [],
    qemuArgs,
  });
  const qmpCommands = o.qmpCommands ?? [];
  const qmpSocket = path.join(temp, 'qmp.sock');
  // With QMP commands, QEMU starts paused (-S) and resumes only after they ran (`cont`),
  // so device state (e.g. injected poison) is in place before the guest's driver looks.
  if (qmpCommands.length) argv.push('-S', '-qmp', `unix:${qmpSocket},server=on,wait=off`);
  if (o.transformArgs) argv = o.transformArgs(argv);
  installExitHook();
  const started = performance.now();
  // setpriv --pdeathsig: QEMU dies with us even if we are SIGKILLed.
  const child = spawn('setpriv', ['--pdeathsig', 'KILL', qemuBinary, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  // 'close' comes after the console pipe is drained.
  const exited = new Promise((resolve) => {
    child.once('error', (e) => resolve({ code: null, signal: null, error: String(e?.message ?? e) }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);

  let consoleText = '';
  let qemuStderr = '';
  const marks = {};
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const now = performance.now() - started;
    consoleText += chunk;
    pending += chunk;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      const m = /LAB-MARK (\S+) ([\d.]+)/.exec(line);
      if (m) marks[m[1]] = { hostMs: Math.round(now), guestS: Number(m[2]) };
      if (o.onConsole) o.onConsole(line);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c) => {
    qemuStderr += c;
  });

  let qmpReplies;
  let qmpError;
  if (qmpCommands.length) {
    try {
      qmpReplies = await Promise.race([
        qmpSession(qmpSocket, [...qmpCommands, { execute: 'cont' }], 10_000),
        exited.then(() => {
          throw new Error('QEMU exited before QMP was done');
        }),
      ]);
    } catch (e) {
      qmpError = String(e?.message ?? e);
      child.kill('SIGKILL');
    }
  }

  let maxRss = 0;
  const rssTimer = setInterval(() => {
    maxRss = Math.max(maxRss, rssKb(child.pid));
  }, 250);

  let qemuExit;
  try {
    qemuExit = await exited;
  } finally {
    clearTimeout(timer);
    clearInterval(rssTimer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    live.delete(child);
  }
  const durationMs = Math.round(performance.now() - started);

  const exitText = await readText(path.join(ioDir, 'exit-code'));
  const result = {
    exitCode: exitText === undefined ? null : Number(exitText.trim()),
    stdout: (await readText(path.join(ioDir, 'stdout'))) ?? '',
    stderr: (await readText(path.join(ioDir, 'stderr'))) ?? '',
    durationMs,
    kernelVersion: (await readText(path.join(ioDir, 'kernel-release')))?.trim(),
    qemuVersion: qemuVersion().text,
    timedOut,
    console: consoleText,
    qemuStderr,
    dmesg: await readText(path.join(ioDir, 'dmesg.txt')),
    marks,
    qemuMaxRssKb: maxRss,
    qemuExit,
    qemuPid: child.pid,
    device,
    qmp: qmpReplies,
    qmpError,
  };
  if (keepTemp) result.tempDir = temp;
  else await rm(temp, { recursive: true, force: true });
  return result;
}
