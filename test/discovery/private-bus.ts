import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private dbus-daemon (Debian package `dbus`) with its own config in a temp dir. */
export interface PrivateBus {
  readonly address: string;
  /** An address in the same dir where nothing listens. */
  readonly deadAddress: string;
  stop(): Promise<void>;
}

function busConfig(socketPath: string): string {
  // Session-type bus: any local client may own any name and talk to anyone.
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl).trim());
    });
    child.stderr?.on('data', (chunk: string) => (err += chunk));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new Error("dbus-daemon not found: install Debian's 'dbus' package (apt-get install dbus)")
          : e,
      ),
    );
    child.once('exit', (code) =>
      reject(new Error(`dbus-daemon exited (${code}) before printing its address: ${err.trim()}`)),
    );
  });
}

export async function startPrivateBus(): Promise<PrivateBus> {
  const dir = await mkdtemp(join(tmpdir(), 'cxlmi-dbus-'));
  const config = join(dir, 'bus.conf');
  await writeFile(config, busConfig(join(dir, 'bus.sock')));
  const child = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let address: string;
  try {
    address = await firstLine(child);
  } catch (err) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    address,
    deadAddress: `unix:path=${join(dir, 'nobody-listens.sock')}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
