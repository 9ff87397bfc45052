/**
 * What the host tells the guest suite about the run: the kernel series, how QEMU's device was
 * configured (the values decoded answers must equal), the poison injected before boot, and
 * whether cxl_pmem was loaded. Travels as JSON in the LAB_CONFIG environment variable.
 */

export interface PoisonRange {
  /** Device physical address, bytes (64-byte aligned). */
  start: number;
  /** Bytes (a multiple of 64). */
  length: number;
}

export interface LabConfig {
  /** Kernel series booted: '6.1' or '6.12'. */
  series: string;
  /** cxl-type3 sn= */
  serial: bigint;
  persistentBytes: bigint;
  volatileBytes: bigint;
  lsaBytes: number;
  /** Injected through QMP (cxl-inject-poison) before the guest started. */
  poison: PoisonRange[];
  /** false when the guest booted without cxl_pmem (the kernel then lets Set LSA through). */
  pmemBound: boolean;
}

export const LAB_CONFIG_ENV = 'LAB_CONFIG';

export function encodeLabConfig(c: LabConfig): string {
  return JSON.stringify({
    ...c,
    serial: c.serial.toString(),
    persistentBytes: c.persistentBytes.toString(),
    volatileBytes: c.volatileBytes.toString(),
  });
}

export function decodeLabConfig(text: string | undefined): LabConfig {
  if (!text)
    throw new Error(`${LAB_CONFIG_ENV} is not set: run this suite through test/qemu/mailbox-lab.test.ts`);
  const o = JSON.parse(text);
  return {
    series: String(o.series),
    serial: BigInt(o.serial),
    persistentBytes: BigInt(o.persistentBytes),
    volatileBytes: BigInt(o.volatileBytes),
    lsaBytes: Number(o.lsaBytes),
    poison: (o.poison as PoisonRange[]).map((p) => ({ start: Number(p.start), length: Number(p.length) })),
    pmemBound: o.pmemBound !== false,
  };
}
