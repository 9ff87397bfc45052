/**
 * Memory-device configuration of the emulated Type 3 device. Every field is optional; `resolveConfig`
 * fills the defaults and checks the values once, so the state classes can trust them.
 */
import { CxlmiUsageError } from '../../errors.js';

/** Capacities in Identify / Partition Info are multiples of 256 MiB (CXL r3.1 Table 8-127). */
export const CAPACITY_UNIT = 256n * 1024n * 1024n;
/** Poison and scan-media lengths are in 64-byte cache lines (CXL r3.1 Table 8-138). */
export const CACHELINE = 64n;

export interface DcRegionConfig {
  /** Region length in bytes (a multiple of `blockSize`). */
  length: bigint;
  /** Block size in bytes: a power of two, at least 64. Default 2 MiB. */
  blockSize?: bigint;
  dsmadHandle?: number;
  /** DC region flag bit 0: the device sanitizes released capacity. */
  sanitizeOnRelease?: boolean;
}

export interface MemdevOptions {
  /** Firmware revision reported by Identify Memory Device (16 ASCII characters at most). */
  fwRevision?: string;
  /** Active volatile capacity in bytes (multiple of 256 MiB). Default 512 MiB. */
  volatileBytes?: bigint;
  /** Active persistent capacity in bytes (multiple of 256 MiB). Default 512 MiB. */
  persistentBytes?: bigint;
  /** Capacity that can only ever be volatile / persistent (the rest is partitionable). */
  volatileOnlyBytes?: bigint;
  persistentOnlyBytes?: bigint;
  /** Partition alignment in bytes; 0 means the device cannot be re-partitioned. Default 256 MiB. */
  partitionAlignBytes?: bigint;
  /** Label Storage Area size in bytes. Default 128 KiB. */
  lsaSize?: number;
  /** Most poison list entries the device keeps before it overflows. Default 256. */
  poisonListMax?: number;
  /** Most injected poison entries at a time; 0 = only the list size limits it. Default 0. */
  injectPoisonLimit?: number;
  /** Wrong passphrases accepted before the attempt limit bit is set. Default 3. */
  passphraseRetryLimit?: number;
  /** Dynamic capacity regions, placed after the static capacity in DPA order. */
  dcRegions?: DcRegionConfig[];
  /** Extents the device can track. Default 512. */
  dcExtentsSupported?: number;
  /** Event log sizes reported by Identify Memory Device. */
  eventLogSize?: number;
}

export interface ResolvedDcRegion {
  base: bigint;
  decodeLength: bigint;
  length: bigint;
  blockSize: bigint;
  dsmadHandle: number;
  sanitizeOnRelease: boolean;
}

export interface MemdevConfig {
  fwRevision: string;
  volatileBytes: bigint;
  persistentBytes: bigint;
  volatileOnlyBytes: bigint;
  persistentOnlyBytes: bigint;
  partitionAlignBytes: bigint;
  lsaSize: number;
  poisonListMax: number;
  injectPoisonLimit: number;
  passphraseRetryLimit: number;
  dcRegions: ResolvedDcRegion[];
  dcExtentsSupported: number;
  eventLogSize: number;
}

const MiB = 1024n * 1024n;

function multipleOf(what: string, value: bigint, unit: bigint): void {
  if (value < 0n || value % unit !== 0n) {
    throw new CxlmiUsageError(`${what} must be a non-negative multiple of ${unit} bytes, got ${value}`);
  }
}

function intIn(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CxlmiUsageError(`${what} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

export function resolveMemdevConfig(c: MemdevOptions = {}): MemdevConfig {
  const volatileBytes = c.volatileBytes ?? 512n * MiB;
  const persistentBytes = c.persistentBytes ?? 512n * MiB;
  const volatileOnlyBytes = c.volatileOnlyBytes ?? 0n;
  const persistentOnlyBytes = c.persistentOnlyBytes ?? 0n;
  const partitionAlignBytes = c.partitionAlignBytes ?? CAPACITY_UNIT;
  multipleOf('volatileBytes', volatileBytes, CAPACITY_UNIT);
  multipleOf('persistentBytes', persistentBytes, CAPACITY_UNIT);
  multipleOf('volatileOnlyBytes', volatileOnlyBytes, CAPACITY_UNIT);
  multipleOf('persistentOnlyBytes', persistentOnlyBytes, CAPACITY_UNIT);
  multipleOf('partitionAlignBytes', partitionAlignBytes, CAPACITY_UNIT);
  if (volatileOnlyBytes > volatileBytes || persistentOnlyBytes > persistentBytes) {
    throw new CxlmiUsageError('volatile-only / persistent-only capacity cannot exceed the active capacity');
  }
  const fwRevision = c.fwRevision ?? 'cxlmi emu 1.0';
  if (fwRevision.length > 16 || !/^[\x20-\x7e]*$/.test(fwRevision)) {
    throw new CxlmiUsageError('fwRevision must be at most 16 printable ASCII characters');
  }
  const lsaSize = c.lsaSize ?? 128 * 1024;
  intIn('lsaSize', lsaSize, 0, 0xffffffff);
  const poisonListMax = c.poisonListMax ?? 256;
  intIn('poisonListMax', poisonListMax, 1, 0xffffff);
  const injectPoisonLimit = c.injectPoisonLimit ?? 0;
  intIn('injectPoisonLimit', injectPoisonLimit, 0, 0xffff);
  const passphraseRetryLimit = c.passphraseRetryLimit ?? 3;
  intIn('passphraseRetryLimit', passphraseRetryLimit, 1, 255);
  const dcExtentsSupported = c.dcExtentsSupported ?? 512;
  intIn('dcExtentsSupported', dcExtentsSupported, 1, 0xffffffff);
  const eventLogSize = c.eventLogSize ?? 64;
  intIn('eventLogSize', eventLogSize, 0, 0xffff);
  const regions = c.dcRegions ?? [];
  if (regions.length > 8) throw new CxlmiUsageError('a device has at most 8 dynamic capacity regions');

  // DC regions follow the static capacity, each starting on a 256 MiB boundary (decode length).
  let base = volatileBytes + persistentBytes;
  const dcRegions = regions.map((r, i): ResolvedDcRegion => {
    const blockSize = r.blockSize ?? 2n * MiB;
    if (blockSize < 64n || (blockSize & (blockSize - 1n)) !== 0n) {
      throw new CxlmiUsageError(`dcRegions[${i}].blockSize must be a power of two of at least 64`);
    }
    if (r.length <= 0n || r.length % blockSize !== 0n) {
      throw new CxlmiUsageError(`dcRegions[${i}].length must be a positive multiple of its block size`);
    }
    const decodeLength = ((r.length + CAPACITY_UNIT - 1n) / CAPACITY_UNIT) * CAPACITY_UNIT;
    const region: ResolvedDcRegion = {
      base,
      decodeLength,
      length: r.length,
      blockSize,
      dsmadHandle: r.dsmadHandle ?? i,
      sanitizeOnRelease: r.sanitizeOnRelease ?? false,
    };
    base += decodeLength;
    return region;
  });

  return {
    fwRevision,
    volatileBytes,
    persistentBytes,
    volatileOnlyBytes,
    persistentOnlyBytes,
    partitionAlignBytes,
    lsaSize,
    poisonListMax,
    injectPoisonLimit,
    passphraseRetryLimit,
    dcRegions,
    dcExtentsSupported,
    eventLogSize,
  };
}
