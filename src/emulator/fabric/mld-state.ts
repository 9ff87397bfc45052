/** State of a multi-logical device that the MLD Components commands (54h) read and change. */

/** Get LD Allocations "Memory Granularity": 0 = 256 MiB, 1 = 512 MiB, 2 = 1 GiB. */
export function granularityBytes(code: number): bigint {
  return (256n * 1024n * 1024n) << BigInt(code);
}

export interface LdAllocation {
  range1: bigint;
  range2: bigint;
}

export interface QosControl {
  qos_telemetry_control: number;
  egress_moderate_percentage: number;
  egress_severe_percentage: number;
  backpressure_sample_interval: number;
  recmpbasis: number;
  completion_collection_interval: number;
}

export class MldState {
  readonly memorySize: bigint;
  readonly granularity: number;
  readonly allocations: LdAllocation[];
  qos: QosControl = {
    qos_telemetry_control: 0,
    egress_moderate_percentage: 10,
    egress_severe_percentage: 25,
    backpressure_sample_interval: 8,
    recmpbasis: 0,
    completion_collection_interval: 64,
  };
  /** Get QoS Status: the average egress port backpressure the device reports. */
  backpressureAvg = 0;
  /** Per-LD allocated bandwidth and bandwidth limit, as fractions of 256. */
  readonly allocatedBw: Uint8Array;
  readonly bwLimit: Uint8Array;

  constructor(ldCount: number, memorySize: bigint, granularity = 0) {
    if (!Number.isInteger(ldCount) || ldCount < 1 || ldCount > 16)
      throw new RangeError('an MLD has 1 to 16 LDs');
    if (granularity < 0 || granularity > 2) throw new RangeError('memory granularity code is 0, 1 or 2');
    this.memorySize = memorySize;
    this.granularity = granularity;
    // Capacity split evenly across LDs, in whole granules.
    const per = memorySize / granularityBytes(granularity) / BigInt(ldCount);
    this.allocations = Array.from({ length: ldCount }, () => ({ range1: per, range2: 0n }));
    this.allocatedBw = new Uint8Array(ldCount).fill(Math.floor(256 / ldCount) & 0xff);
    this.bwLimit = new Uint8Array(ldCount).fill(0xff);
  }

  get ldCount(): number {
    return this.allocations.length;
  }

  /** Bytes allocated if `next` replaced allocations [start, start + next.length). */
  allocatedWith(start: number, next: LdAllocation[]): bigint {
    let granules = 0n;
    this.allocations.forEach((a, i) => {
      const b = i >= start && i < start + next.length ? next[i - start] : a;
      granules += b.range1 + b.range2;
    });
    return granules * granularityBytes(this.granularity);
  }
}
