/**
 * The memory RAS features of the emulated Type 3 device (CXL r3.2 §8.2.10.7.2, §8.2.10.9.11):
 * patrol scrub, DDR5 ECS over three media FRUs, sPPR, hPPR and the four memory sparing features,
 * with defaults close to QEMU's (hw/mem/cxl_type3.c) and the same layouts the library decodes.
 */
import { MAINT_CLASS_PPR, MAINT_CLASS_SPARING } from '../../../commands/generic/maintenance.js';
import {
  ECS_UUID,
  ecsRead,
  ecsWrite,
  HPPR_UUID,
  pprRead,
  pprWrite,
  RAS_FEATURES,
  SPARING_SUBCLASS,
  SPPR_UUID,
  type SparingKind,
  sparingRead,
  sparingWrite,
} from '../../../commands/generic/ras-features.js';
import { CXLMI_RET_INPUT } from '../../../protocol/retcodes.js';
import { DeviceReturn } from '../../device-return.js';
import type { EmulatedFeature } from '../../generic/feature-store.js';
import { patrolScrubFeature } from '../../generic/patrol-scrub.js';

/** Immediate configuration change, CEL[11:10] valid (Table 8-75), as QEMU lists them. */
const EFFECTS = (1 << 1) | (1 << 9);
/** Media FRUs of the ECS feature (QEMU's CXL_ECS_NUM_MEDIA_FRUS). */
export const ECS_FRUS = 3;
/** Maximum maintenance latency byte QEMU reports (its comment: 100 ms). */
const LATENCY = 0x05;

const common = { effects: EFFECTS, defaultSelection: true, savedSelection: false, resetPersistence: 0 };

function decodeOr<T>(f: () => T): T {
  try {
    return f();
  } catch {
    throw new DeviceReturn(CXLMI_RET_INPUT);
  }
}

/** DDR5 ECS: per-DRAM log entries, realtime reporting, threshold 256 (index 3), counting rows. */
export function ecsFeature(frus = ECS_FRUS, onResetCounter?: (fru: number) => void): EmulatedFeature {
  const defaults = ecsRead.encode({
    ecs_log_cap: 1,
    fru_attrs: Array.from({ length: frus }, () => ({
      ecs_cap: 1,
      threshold_count: 3,
      count_mode: 0,
      reset_counter: 0,
      ecs_flags: 0,
    })),
  });
  return {
    uuid: ECS_UUID,
    getVersion: 1,
    setVersion: 1,
    setSize: 1 + 2 * frus,
    ...common,
    defaults,
    apply(current, writable) {
      const cur = ecsRead.decode(current);
      const w = decodeOr(() => ecsWrite.decode(writable));
      if (w.ecs_log_cap > 1 || w.fru_attrs.length !== frus) throw new DeviceReturn(CXLMI_RET_INPUT);
      for (const f of w.fru_attrs)
        if (f.threshold_count < 3 || f.threshold_count > 5) throw new DeviceReturn(CXLMI_RET_INPUT);
      w.fru_attrs.forEach((f, i) => {
        if (f.reset_counter) onResetCounter?.(i);
      });
      return ecsRead.encode({
        ecs_log_cap: w.ecs_log_cap,
        fru_attrs: cur.fru_attrs.map((f, i) => ({
          ecs_cap: f.ecs_cap,
          threshold_count: w.fru_attrs[i]?.threshold_count ?? f.threshold_count,
          count_mode: w.fru_attrs[i]?.count_mode ?? f.count_mode,
          reset_counter: 0, // the reset is an action, never a state
          ecs_flags: f.ecs_flags,
        })),
      });
    },
  };
}

/** sPPR / hPPR: DPA and nibble mask supported, Memory Sparing Event Records capable and on. */
export function pprFeature(kind: 'soft' | 'hard', opts: { restrictionFlags?: number } = {}): EmulatedFeature {
  const defaults = pprRead.encode({
    max_maint_latency: LATENCY,
    op_caps: 0,
    op_mode: 0,
    maint_op_class: MAINT_CLASS_PPR,
    maint_op_subclass: kind === 'soft' ? 0 : 1,
    ppr_flags: 0b0111,
    restriction_flags: opts.restrictionFlags ?? 0,
    ppr_op_mode: 1,
  });
  return {
    uuid: kind === 'soft' ? SPPR_UUID : HPPR_UUID,
    getVersion: 3,
    setVersion: 3,
    setSize: 3,
    ...common,
    defaults,
    apply(current, writable) {
      const cur = pprRead.decode(current);
      const w = decodeOr(() => pprWrite.decode(writable));
      // No device-initiated repair, no repair at boot: those bits may not be set.
      if (w.op_mode !== 0 || (w.ppr_op_mode & ~1) !== 0) throw new DeviceReturn(CXLMI_RET_INPUT);
      return pprRead.encode({ ...cur, op_mode: w.op_mode, ppr_op_mode: w.ppr_op_mode });
    },
  };
}

/** Memory sparing: host-initiated only, hard and soft sparing offered, safe while in use. */
export function sparingFeature(kind: SparingKind, opts: { restrictionFlags?: number } = {}): EmulatedFeature {
  const defaults = sparingRead.encode({
    max_maint_latency: LATENCY,
    op_caps: 0,
    op_mode: 0,
    maint_op_class: MAINT_CLASS_SPARING,
    maint_op_subclass: SPARING_SUBCLASS[kind],
    restriction_flags: opts.restrictionFlags ?? 0b110,
  });
  return {
    uuid: RAS_FEATURES[`${kind}-sparing`].uuid,
    getVersion: 1,
    setVersion: 1,
    setSize: 2,
    ...common,
    defaults,
    apply(current, writable) {
      const cur = sparingRead.decode(current);
      const w = decodeOr(() => sparingWrite.decode(writable));
      if (w.op_mode !== 0) throw new DeviceReturn(CXLMI_RET_INPUT);
      return sparingRead.encode({ ...cur, op_mode: w.op_mode });
    },
  };
}

/** All eight, in the order QEMU lists them. */
export function rasFeatures(onEcsReset?: (fru: number) => void): EmulatedFeature[] {
  return [
    patrolScrubFeature(),
    ecsFeature(ECS_FRUS, onEcsReset),
    pprFeature('soft'),
    pprFeature('hard'),
    sparingFeature('cacheline'),
    sparingFeature('row'),
    sparingFeature('bank'),
    sparingFeature('rank'),
  ];
}
