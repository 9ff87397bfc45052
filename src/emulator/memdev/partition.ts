/**
 * Volatile / persistent partitioning (CXL r3.1 8.2.9.9.2.1-2). A Set Partition Info without the
 * Immediate flag only takes effect on the next (emulated) reset.
 */
import { CXLMI_RET_INPUT, CXLMI_RET_UNSUPPORTED } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';
import { CAPACITY_UNIT, type MemdevConfig } from './config.js';

export class PartitionState {
  readonly total: bigint;
  readonly volatileOnly: bigint;
  readonly persistentOnly: bigint;
  readonly align: bigint;
  /** Active split, bytes. */
  activeVolatile: bigint;
  /** Split that becomes active on the next reset, or null when nothing is pending. */
  pendingVolatile: bigint | null = null;

  constructor(cfg: MemdevConfig) {
    this.total = cfg.volatileBytes + cfg.persistentBytes;
    this.volatileOnly = cfg.volatileOnlyBytes;
    this.persistentOnly = cfg.persistentOnlyBytes;
    this.align = cfg.partitionAlignBytes;
    this.activeVolatile = cfg.volatileBytes;
  }

  get activePersistent(): bigint {
    return this.total - this.activeVolatile;
  }

  /** Static (non-DC) capacity in bytes. */
  get staticCapacity(): bigint {
    return this.total;
  }

  /**
   * Set Partition Info. `volatileUnits` is in 256 MiB units as on the wire.
   * Returns true when the change was applied immediately.
   */
  set(volatileUnits: bigint, immediate: boolean): boolean {
    if (this.align === 0n) throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
    const bytes = volatileUnits * CAPACITY_UNIT;
    if (bytes < this.volatileOnly || bytes > this.total - this.persistentOnly) {
      throw new DeviceReturn(CXLMI_RET_INPUT);
    }
    if ((bytes - this.volatileOnly) % this.align !== 0n) throw new DeviceReturn(CXLMI_RET_INPUT);
    if (immediate) {
      this.activeVolatile = bytes;
      this.pendingVolatile = null;
      return true;
    }
    this.pendingVolatile = bytes === this.activeVolatile ? null : bytes;
    return false;
  }

  /** Values for Get Partition Info, in 256 MiB units. Next is 0/0 when nothing is pending. */
  info(): { active_vmem: bigint; active_pmem: bigint; next_vmem: bigint; next_pmem: bigint } {
    const pending = this.pendingVolatile;
    return {
      active_vmem: this.activeVolatile / CAPACITY_UNIT,
      active_pmem: this.activePersistent / CAPACITY_UNIT,
      next_vmem: pending === null ? 0n : pending / CAPACITY_UNIT,
      next_pmem: pending === null ? 0n : (this.total - pending) / CAPACITY_UNIT,
    };
  }

  reset(): void {
    if (this.pendingVolatile !== null) {
      this.activeVolatile = this.pendingVolatile;
      this.pendingVolatile = null;
    }
  }
}
