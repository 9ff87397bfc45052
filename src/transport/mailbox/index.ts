/** Kernel mailbox transport (/dev/cxl/memN). The transports work provides the implementation. */
import { readdir, readFile } from 'node:fs/promises';
import { CxlmiUnavailableError } from '../../errors.js';
import type { Transport } from '../transport.js';

export async function openMailbox(devname: string): Promise<Transport> {
  throw new CxlmiUnavailableError(
    `cannot open ${devname}: the kernel mailbox transport is not available yet`,
  );
}

export interface MemdevInfo {
  name: string;
  path: string;
  serial?: string;
  firmware?: string;
  error?: string;
}

async function sysfs(name: string, attr: string): Promise<string | undefined> {
  try {
    return (await readFile(`/sys/bus/cxl/devices/${name}/${attr}`, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** The memdevs under /dev/cxl with what sysfs says of them. */
export async function listMemdevs(): Promise<MemdevInfo[]> {
  let names: string[];
  try {
    names = (await readdir('/dev/cxl')).filter((n) => /^mem\d+$/.test(n));
  } catch {
    return [];
  }
  names.sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  return Promise.all(
    names.map(async (name) => ({
      name,
      path: `/dev/cxl/${name}`,
      serial: await sysfs(name, 'serial'),
      firmware: await sysfs(name, 'firmware_version'),
    })),
  );
}
