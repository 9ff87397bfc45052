/**
 * Booting the MCTP lab's guest: the kernel from build-kernel.sh (cached outside the clone), an
 * initramfs of busybox and the labs' shared /init, and QEMU/TCG with two virtio-serial ports:
 * a console (/dev/hvc0 in the guest) whose chardev connects to the emulator's MCTP-serial unix
 * socket, and a plain port named lab.ctl for the harness's fault requests.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..', '..', '..');

/** Which kernel: x86_64 (a bzImage for QEMU/TCG) or um (user-mode Linux, a host executable). */
export type KernelArch = 'x86_64' | 'um';

/**
 * Builds the kernel when the cache lacks it (minutes), returns its path and whether this call
 * built it (build-kernel.sh says "cached" on stderr otherwise).
 */
export function ensureKernel(arch: KernelArch = 'x86_64'): { path: string; built: boolean } {
  const r = spawnSync('bash', [path.join(here, 'build-kernel.sh'), arch], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.stderr.write(r.stderr);
  if (r.status !== 0)
    throw new Error(`build-kernel.sh ${arch} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return { path: r.stdout.trim().split('\n').pop() as string, built: !/\] cached: /.test(r.stderr) };
}

/** busybox-static and the shared /init in a newc archive (no modules: the kernel has none). */
export function buildInitramfs(dir: string): string {
  const root = path.join(dir, 'initramfs');
  for (const d of ['bin', 'dev', 'proc', 'sys', 'tmp', 'mnt/host'])
    mkdirSync(path.join(root, d), { recursive: true });
  copyFileSync('/bin/busybox', path.join(root, 'bin', 'busybox'));
  symlinkSync('busybox', path.join(root, 'bin', 'sh'));
  copyFileSync(path.join(here, '..', 'guest-init.sh'), path.join(root, 'init'));
  execFileSync('chmod', ['0755', path.join(root, 'init'), path.join(root, 'bin', 'busybox')]);
  const out = path.join(dir, 'initramfs.cpio');
  const list = execFileSync('find', ['.', '-print0'], { cwd: root });
  writeFileSync(
    out,
    execFileSync('cpio', ['--null', '-o', '-H', 'newc', '--quiet'], {
      cwd: root,
      input: list,
      maxBuffer: 1 << 30,
    }),
  );
  return out;
}

export interface BootOptions {
  kernel: string;
  initramfs: string;
  /** Shared with the guest as /run/lab-io (run.sh, stdout, stderr, exit-code). */
  ioDir: string;
  /** The emulator's MCTP-serial unix socket (QEMU connects to it). */
  mctpSocket: string;
  /** The harness's control socket (QEMU connects to it). */
  controlSocket: string;
  timeoutMs: number;
}

export function qemuArgs(o: BootOptions): string[] {
  return [
    '-machine',
    'q35,accel=tcg',
    '-cpu',
    'qemu64',
    '-smp',
    '1',
    '-m',
    '1G',
    '-nodefaults',
    '-no-user-config',
    '-display',
    'none',
    '-serial',
    'stdio',
    '-no-reboot',
    '-kernel',
    o.kernel,
    '-initrd',
    o.initramfs,
    '-append',
    'console=ttyS0 quiet panic=-1 lab.wait=0 lab.hostcache=loose',
    '-fsdev',
    'local,id=fs_host,path=/,security_model=none,readonly=on,multidevs=remap',
    '-device',
    'virtio-9p-pci,fsdev=fs_host,mount_tag=hostroot',
    '-fsdev',
    `local,id=fs_io,path=${o.ioDir},security_model=none,multidevs=remap`,
    '-device',
    'virtio-9p-pci,fsdev=fs_io,mount_tag=labio',
    '-device',
    'virtio-serial-pci,id=vser0',
    '-chardev',
    `socket,id=mctp0,path=${o.mctpSocket}`,
    '-device',
    'virtconsole,chardev=mctp0,bus=vser0.0',
    '-chardev',
    `socket,id=ctl0,path=${o.controlSocket}`,
    '-device',
    'virtserialport,chardev=ctl0,bus=vser0.0,name=lab.ctl',
  ];
}

export interface BootResult {
  code: number | null;
  timedOut: boolean;
  console: string;
  durationMs: number;
  /** Host ms at each LAB-MARK line of the guest's /init. */
  marks: Record<string, number>;
}

export function boot(o: BootOptions): Promise<BootResult> {
  return runGuest(['qemu-system-x86_64', ...qemuArgs(o)], { timeoutMs: o.timeoutMs });
}

export interface RunGuestOptions {
  timeoutMs: number;
  /** stdin: QEMU's is /dev/null; a UML console (fd:0) gets a pipe that stays open. */
  stdin?: 'ignore' | 'pipe';
  /** Descriptors 3, 4, … as pipes (socket pairs) for `connect` to wire up. */
  extraFds?: number;
  /** Given the child before it can write, to wire the extra descriptors to the host's sockets. */
  connect?: (child: ChildProcess) => void;
}

/**
 * Runs a guest (QEMU, or a user-mode Linux kernel) until it exits or `timeoutMs` passes, timing
 * the LAB-MARK lines of its console (stdout and stderr).
 */
export function runGuest(command: string[], o: RunGuestOptions): Promise<BootResult> {
  const started = performance.now();
  // setpriv --pdeathsig: the guest dies with this process even when it is SIGKILLed.
  const child = spawn('setpriv', ['--pdeathsig', 'KILL', ...command], {
    stdio: [o.stdin ?? 'ignore', 'pipe', 'pipe', ...Array<'pipe'>(o.extraFds ?? 0).fill('pipe')],
  });
  o.connect?.(child);
  let text = '';
  const marks: Record<string, number> = {};
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, o.timeoutMs);
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const m of text.matchAll(/LAB-MARK (\S+)/g)) marks[m[1]] ??= Math.round(performance.now() - started);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      clearTimeout(timer);
      process.off('exit', kill);
      resolve({ code, timedOut, console: text, durationMs: Math.round(performance.now() - started), marks });
    });
  });
}
