import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One memory device as the kernel shows it in sysfs and /dev/cxl. */
export interface CxlMemdevInfo {
  /** `mem0` */
  readonly name: string;
  /** `/dev/cxl/mem0` when the node exists. */
  readonly devicePath: string | undefined;
  /** PCIe Device Serial Number (sysfs `serial`), when readable. */
  readonly serial: bigint | undefined;
  readonly firmwareVersion: string | undefined;
  /** Volatile capacity in bytes (`ram/size`). */
  readonly ramSize: bigint | undefined;
  /** Persistent capacity in bytes (`pmem/size`). */
  readonly pmemSize: bigint | undefined;
  readonly payloadMax: number | undefined;
  readonly labelStorageSize: number | undefined;
  readonly numaNode: number | undefined;
}

export interface CxlListing {
  /** sysfs has a CXL bus (the cxl_core module is loaded). */
  readonly bus: boolean;
  readonly memdevs: readonly CxlMemdevInfo[];
  /** Entries of /dev/cxl that have no memdev in sysfs. */
  readonly otherNodes: readonly string[];
  /** Every device on the CXL bus (root0, port1, decoder0.0, endpoint2, mem0, region0, …). */
  readonly busDevices: readonly string[];
}

export interface CxlListingOptions {
  readonly sysfsRoot?: string;
  readonly devRoot?: string;
}

async function entries(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch {
    return undefined;
  }
}

async function attr(dir: string, name: string): Promise<string | undefined> {
  try {
    return (await readFile(join(dir, name), 'utf8')).trim();
  } catch {
    return undefined;
  }
}

function big(text: string | undefined): bigint | undefined {
  if (text === undefined || !/^(0x[0-9a-f]+|[0-9]+)$/i.test(text)) return undefined;
  return BigInt(text);
}

function int(text: string | undefined): number | undefined {
  const b = big(text);
  return b === undefined || b > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(b);
}

const byIndex = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** What /sys/bus/cxl/devices and /dev/cxl hold: memory devices with what sysfs says about them. */
export async function listCxlDevices(options: CxlListingOptions = {}): Promise<CxlListing> {
  const sysDevices = join(options.sysfsRoot ?? '/sys', 'bus/cxl/devices');
  const devCxl = options.devRoot ?? '/dev/cxl';
  const sys = await entries(sysDevices);
  const nodes = new Set((await entries(devCxl)) ?? []);
  const names = (sys ?? []).filter((n) => /^mem[0-9]+$/.test(n)).sort(byIndex);
  const memdevs = await Promise.all(
    names.map(async (name): Promise<CxlMemdevInfo> => {
      const dir = join(sysDevices, name);
      const ns = int(await attr(dir, 'numa_node'));
      return {
        name,
        devicePath: nodes.has(name) ? join(devCxl, name) : undefined,
        serial: big(await attr(dir, 'serial')),
        firmwareVersion: (await attr(dir, 'firmware_version')) || undefined,
        ramSize: big(await attr(dir, 'ram/size')),
        pmemSize: big(await attr(dir, 'pmem/size')),
        payloadMax: int(await attr(dir, 'payload_max')),
        labelStorageSize: int(await attr(dir, 'label_storage_size')),
        numaNode: ns,
      };
    }),
  );
  const otherNodes = [...nodes].filter((n) => !names.includes(n)).sort(byIndex);
  return { bus: sys !== undefined, memdevs, otherNodes, busDevices: [...(sys ?? [])].sort(byIndex) };
}
