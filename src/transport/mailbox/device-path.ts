import { basename } from 'node:path';
import { CxlmiUsageError } from '../../errors.js';

export interface MailboxDevice {
  /** Kernel device name, e.g. `mem0`. */
  readonly name: string;
  /** Character device path, e.g. `/dev/cxl/mem0`. */
  readonly path: string;
}

export const DEV_CXL = '/dev/cxl';

/** `mem0` or `/dev/cxl/mem0` (any absolute path is taken as given). */
export function resolveMailboxDevice(device: string): MailboxDevice {
  if (device.startsWith('/')) return { name: basename(device), path: device };
  if (/^mem[0-9]+$/.test(device)) return { name: device, path: `${DEV_CXL}/${device}` };
  throw new CxlmiUsageError(
    `'${device}' is not a CXL device name: use a name such as mem0 or a path such as /dev/cxl/mem0`,
  );
}
