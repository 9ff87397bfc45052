// Types for lab.mjs, so strict TypeScript tests can import it.

export interface LabDevice {
  /** cxl-type3 sn= */
  serial: bigint;
  persistentBytes: number;
  /** 0 on QEMU < 8 (no volatile backend there) */
  volatileBytes: number;
  lsaBytes: number;
  fmwBytes: number;
}

export interface QmpCommand {
  execute: string;
  arguments?: Record<string, unknown>;
}

export interface RunInGuestOptions {
  /** kernel series: '6.1' | '6.12' */
  kernel: string;
  /** Node script on this machine (absolute, or relative to cwd); not under /tmp */
  script: string;
  args?: string[];
  /** node options before the script, e.g. ['--import', 'tsx', '--test'] */
  nodeArgs?: string[];
  /** default 180000; QEMU is SIGKILLed after it */
  timeoutMs?: number;
  qemuArgs?: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** guest RAM, default '1G' (keep <= 2G) */
  memory?: string;
  device?: Partial<LabDevice>;
  /** seconds the guest waits for /dev/cxl/mem0, default 30 */
  waitSeconds?: number;
  /** 'loose' (default) or 'none' */
  hostCache?: string;
  /** guest modules not to load, e.g. ['cxl_pmem'] */
  skipModules?: string[];
  /** initial LSA content, default 'pattern' */
  lsa?: 'pattern' | 'zero' | Uint8Array;
  /** run before the guest starts (QEMU starts paused, then `cont`) */
  qmpCommands?: QmpCommand[];
  keepTemp?: boolean;
  transformArgs?: (argv: string[]) => string[];
  onConsole?: (line: string) => void;
}

export interface RunInGuestResult {
  /** the script's exit code; null when it did not finish (timeout, guest failure) */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  kernelVersion: string | undefined;
  qemuVersion: string;
  timedOut: boolean;
  console: string;
  qemuStderr: string;
  dmesg: string | undefined;
  /** LAB-MARK lines: init, modules, mounted, mem0, run, done */
  marks: Record<string, { hostMs: number; guestS: number }>;
  qemuMaxRssKb: number;
  qemuExit: { code: number | null; signal: string | null; error?: string };
  qemuPid: number | undefined;
  device: LabDevice;
  qmp: Array<{ command: QmpCommand; return?: unknown; error?: unknown }> | undefined;
  qmpError: string | undefined;
  tempDir?: string;
}

export const projectRoot: string;
export const cacheDir: string;
export const qemuBinary: string;
export const defaultDevice: Readonly<LabDevice>;
export const CXL_QOM_PATH: string;
export function lsaPatternByte(i: number): number;
export function lsaPattern(offset: number, length: number): Uint8Array;
export function qemuVersion(): { text: string; major: number; minor: number; micro: number };
export function ensureGuest(kernel: string): string;
export function qemuCommandLine(o: {
  guestDir: string;
  ioDir: string;
  backingDir: string;
  device?: LabDevice;
  memory?: string;
  waitSeconds?: number;
  hostCache?: string;
  skipModules?: string[];
  qemuArgs?: string[];
}): string[];
export function runInGuest(o: RunInGuestOptions): Promise<RunInGuestResult>;
