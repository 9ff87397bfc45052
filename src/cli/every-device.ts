/**
 * "No target means every device", as `cxl list` and `nvme list` do: a read-only subcommand run
 * without a target (and without --emulate/--scan) runs on every /dev/cxl/mem*; the `all` keyword
 * (ndctl's `cxl … all`) names them all explicitly, for any subcommand. A subcommand that changes
 * state never picks devices by itself: without a target it stays a usage error.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CxlmiUsageError } from '../errors.js';
import { DEV_CXL } from '../transport/mailbox/device-path.js';

/** The keyword that names every kernel memory device. */
export const ALL_TARGETS = 'all';

/** Subcommands that only read, so they may run on every device when no target is named. */
export const READ_ONLY_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'identify',
  'caps',
  'health',
  'shutdown-state get',
  'partition show',
  'poison list',
  'media-ops discover',
  'security state',
  'qos show',
  'qos status',
  'dcd config',
  'dcd extents',
  'dcd info',
  'dcd regions',
  'dcd host-extents',
  'dcd tags',
  'switch identify',
  'switch ports',
  'switch vcs',
  'ld info',
  'ld allocations',
  'ld qos show',
  'ld qos bw',
  'mhd info',
  'mhd heads',
  'fabric',
  'timestamp get',
  'events list',
  'events follow',
  'fw info',
  'logs list',
  'logs get',
  'logs cel',
  'features list',
  'features get',
  'exporter',
]);

export interface EveryDeviceOptions {
  /** The subcommand may run on every device when none is named (it is read-only). */
  everyDeviceWhenNone?: boolean;
  /** Where the kernel's memory device nodes are (tests); /dev/cxl by default. */
  devRoot?: string;
}

/** The /dev/cxl/mem* nodes present, in numeric order (none when the directory is missing). */
export async function kernelMemdevs(devRoot: string = DEV_CXL): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(devRoot);
  } catch {
    names = [];
  }
  return names
    .filter((n) => /^mem\d+$/.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((n) => join(devRoot, n));
}

/**
 * The targets to open: `all` becomes every memory device; no target at all (and no --emulate or
 * --scan) becomes every memory device for a read-only subcommand. Finding none is a usage error
 * that says where cxlmi looked and what else to try.
 */
export async function expandTargets(
  targets: readonly string[],
  o: EveryDeviceOptions & { emulate?: boolean; scan?: boolean },
): Promise<string[]> {
  const explicitAll = targets.includes(ALL_TARGETS);
  const implicit = targets.length === 0 && !o.emulate && !o.scan && Boolean(o.everyDeviceWhenNone);
  if (!explicitAll && !implicit) return [...targets];
  const devRoot = o.devRoot ?? DEV_CXL;
  const found = await kernelMemdevs(devRoot);
  if (found.length === 0) {
    throw new CxlmiUsageError(
      `no CXL memory devices in ${devRoot} (no CXL hardware, or the cxl_pci/cxl_mem drivers are not loaded): ` +
        'name an MCTP endpoint (mctp:NET,EID), or use --scan or --emulate',
    );
  }
  const asPath = (t: string) => (/^mem\d+$/.test(t) ? join(devRoot, t) : t);
  const rest = targets.filter((t) => t !== ALL_TARGETS && !found.includes(asPath(t)));
  return [...found, ...rest];
}
