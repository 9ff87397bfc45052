/**
 * Memory RAS state of the emulated Type 3 device: the repair resources left per PPR / sparing
 * kind, what has been repaired, the DDR5 ECS error counters, and the DRAM errors a scenario
 * injects. A repair takes the repaired DRAM out of the poison list, and errors that would land
 * on repaired DRAM are no longer reported (the spare is healthy).
 */
import { MAINT_CLASS_PPR, MAINT_CLASS_SPARING } from '../../../commands/generic/maintenance.js';
import {
  ECS_UUID,
  ecsRead,
  HPPR_UUID,
  pprRead,
  SPPR_UUID,
  type SparingKind,
} from '../../../commands/generic/ras-features.js';
import { CXLMI_EVENT_LOG_FAIL, CXLMI_EVENT_LOG_INFO } from '../../../protocol/constants.js';
import type { EventState } from '../../generic/events.js';
import type { FeatureStore } from '../../generic/feature-store.js';
import { CACHELINE } from '../config.js';
import type { PoisonState } from '../poison.js';
import { PoisonSource } from '../poison.js';
import { type DramLocation, dpaOf, inScope, locate, type RepairScope } from './dram-geometry.js';

export type RepairKind = 'sppr' | 'hppr' | `${SparingKind}-sparing`;

/** Spare resources at manufacture: rows for PPR per device, spares per sparing kind. */
export const DEFAULT_RESOURCES: Readonly<Record<RepairKind, number>> = {
  sppr: 4,
  hppr: 2,
  'cacheline-sparing': 8,
  'row-sparing': 4,
  'bank-sparing': 2,
  'rank-sparing': 1,
};

export interface Repair {
  kind: RepairKind;
  scope: RepairScope;
  hard: boolean;
}

/** Common Event Record Flags (Table 8-43): severity bits 1:0, maintenance needed bit 3. */
const MAINTENANCE_NEEDED = 1 << 3;

export interface DramErrorInjection {
  dpa: bigint;
  /** Uncorrectable: the line is poisoned and the record goes to the Failure log. */
  uncorrectable?: boolean;
  /** Ask the host for maintenance (record flag bit 3). Default true. */
  maintenanceNeeded?: boolean;
  /** Nibble mask of the failing DRAM device(s). Default 000001h. */
  nibbleMask?: number;
  /** Also write a General Media record for the same DPA (DRAM records alone by default). */
  generalMedia?: boolean;
}

export class RasState {
  readonly resources: Record<RepairKind, number> = { ...DEFAULT_RESOURCES };
  readonly repairs: Repair[] = [];
  /** DDR5 ECS error counts per media FRU (FRU = the DRAM channel here). */
  readonly ecsCounts: number[];

  constructor(
    private readonly features: FeatureStore,
    private readonly poison: PoisonState,
    private readonly events: EventState,
    private readonly dpaLimit: () => bigint,
  ) {
    this.ecsCounts = Array.from({ length: this.ecsFrus() }, () => 0);
  }

  private current(uuid: string): Uint8Array | undefined {
    try {
      return this.features.read(uuid, 0, 0xffff, 0);
    } catch {
      return undefined;
    }
  }

  private ecsFrus(): number {
    const cur = this.current(ECS_UUID);
    return cur ? ecsRead.decode(cur).fru_attrs.length : 0;
  }

  /** ECS "reset counter" written through Set Feature clears the FRU's count. */
  resetEcsCounter(fru: number): void {
    if (fru >= 0 && fru < this.ecsCounts.length) this.ecsCounts[fru] = 0;
  }

  /** Whether a repair already covers this DPA. */
  repaired(dpa: bigint): boolean {
    const l = locate(dpa);
    return this.repairs.some((r) => inScope(r.scope, l));
  }

  /**
   * A DRAM error at `dpa`, as a device's ECC would find it: a DRAM Event Record with the DRAM
   * address (and maintenance needed), poison for an uncorrectable one, an ECS count otherwise.
   * Nothing happens on DRAM a repair replaced. Returns the record's handle, if one was logged.
   */
  injectDramError(e: DramErrorInjection): number | undefined {
    const dpa = e.dpa & ~(CACHELINE - 1n);
    if (dpa >= this.dpaLimit())
      throw new RangeError(`DPA 0x${dpa.toString(16)} is past the device's capacity`);
    if (this.repaired(dpa)) return undefined;
    const l = locate(dpa);
    const uncorrectable = e.uncorrectable ?? false;
    if (uncorrectable) this.poison.addError({ dpa, length: CACHELINE, source: PoisonSource.INTERNAL });
    else if (l.channel < this.ecsCounts.length)
      this.ecsCounts[l.channel] = (this.ecsCounts[l.channel] ?? 0) + 1;
    const log = uncorrectable ? CXLMI_EVENT_LOG_FAIL : CXLMI_EVENT_LOG_INFO;
    const severity = uncorrectable ? 2 : 0;
    const flags = severity | ((e.maintenanceNeeded ?? true) && uncorrectable ? MAINTENANCE_NEEDED : 0);
    const common = { descriptor: uncorrectable ? 1 : 0, type: 0, transaction_type: 0 };
    if (e.generalMedia)
      this.events.inject(
        'general_media',
        { phys_addr: dpa, ...common, validity_flags: 0b11, channel: l.channel, rank: l.rank },
        { log, flags },
      );
    return this.events.inject(
      'dram',
      {
        phys_addr: dpa,
        ...common,
        // channel, rank, nibble mask, bank group, bank, row, column valid
        validity_flags: 0x7f,
        channel: l.channel,
        rank: l.rank,
        nibble_mask: e.nibbleMask ?? 1,
        bank_group: l.bankGroup,
        bank: l.bank,
        row: l.row,
        column: l.column,
      },
      { log, flags },
    );
  }

  /** Memory Sparing Event Records on after PPR (the feature's op mode bit 0)? */
  private pprEventsOn(hard: boolean): boolean {
    const cur = this.current(hard ? HPPR_UUID : SPPR_UUID);
    return cur ? pprRead.decode(cur).ppr_op_mode_bits.mem_sparing_ev_rec_en : false;
  }

  /** A Memory Sparing Event Record (r3.2 Table 8-60) in the Informational log. */
  sparingEvent(
    cls: number,
    subclass: number,
    flags: { query: boolean; hard: boolean },
    result: number,
    left: number,
    where: Partial<DramLocation> & { nibbleMask?: number; subChannel?: number },
  ): void {
    let validity = 0;
    const set = (bit: number, v: unknown) => {
      if (v !== undefined) validity |= 1 << bit;
    };
    set(0, where.channel);
    set(1, where.rank);
    set(2, where.nibbleMask);
    set(3, where.bankGroup);
    set(4, where.bank);
    set(5, where.row);
    set(6, where.column);
    set(9, where.subChannel);
    this.events.inject(
      'memory_sparing',
      {
        maint_op_class: cls,
        maint_op_subclass: subclass,
        flags: (flags.query ? 1 : 0) | (flags.hard ? 2 : 0),
        result,
        validity_flags: validity,
        res_avail: left,
        channel: where.channel ?? 0,
        rank: where.rank ?? 0,
        nibble_mask: where.nibbleMask ?? 0,
        bank_group: where.bankGroup ?? 0,
        bank: where.bank ?? 0,
        row: where.row ?? 0,
        column: where.column ?? 0,
        sub_channel: where.subChannel ?? 0,
      },
      {
        log: CXLMI_EVENT_LOG_INFO,
        flags: 1 << 6, // maintenance operation subclass valid
        maint_op_class: cls,
        maint_op_subclass: subclass,
      },
    );
  }

  /** Completes a PPR of the row holding `dpa`. */
  completePpr(hard: boolean, dpa: bigint, nibbleMask: number): void {
    const kind: RepairKind = hard ? 'hppr' : 'sppr';
    const l = locate(dpa);
    const scope: RepairScope = {
      channel: l.channel,
      rank: l.rank,
      bankGroup: l.bankGroup,
      bank: l.bank,
      row: l.row,
    };
    this.apply({ kind, scope, hard });
    if (this.pprEventsOn(hard))
      this.sparingEvent(MAINT_CLASS_PPR, hard ? 1 : 0, { query: false, hard }, 0, this.resources[kind], {
        ...scope,
        nibbleMask,
      });
  }

  /** Completes memory sparing of `scope`. */
  completeSparing(
    kind: SparingKind,
    subclass: number,
    hard: boolean,
    scope: RepairScope,
    extra: { nibbleMask?: number; subChannel?: number },
  ): void {
    const k: RepairKind = `${kind}-sparing`;
    this.apply({ kind: k, scope, hard });
    this.sparingEvent(MAINT_CLASS_SPARING, subclass, { query: false, hard }, 0, this.resources[k], {
      ...scope,
      ...extra,
    });
  }

  private apply(r: Repair): void {
    this.resources[r.kind] = Math.max(0, this.resources[r.kind] - 1);
    this.repairs.push(r);
    const limit = this.dpaLimit();
    this.poison.repair((dpa) => dpa < limit && inScope(r.scope, locate(dpa)));
  }

  /** Soft repairs do not survive a reset; their spare resources come back. */
  reset(): void {
    for (let i = this.repairs.length - 1; i >= 0; i--) {
      const r = this.repairs[i];
      if (r && !r.hard) {
        this.repairs.splice(i, 1);
        this.resources[r.kind] = Math.min(DEFAULT_RESOURCES[r.kind], this.resources[r.kind] + 1);
      }
    }
  }
}

export { dpaOf, locate };
