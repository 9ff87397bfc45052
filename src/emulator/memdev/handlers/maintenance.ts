/**
 * Perform Maintenance (0600h), CXL r3.2 §8.2.10.7.1, on the emulated Type 3 device: PPR and memory
 * sparing run as background operations (progress from the device clock) and change what the
 * poison list and later error events report; Query Resources answers with a Memory Sparing Event
 * Record and changes nothing.
 */
import {
  MAINT_CLASS_NO_OP,
  MAINT_CLASS_PPR,
  MAINT_CLASS_SPARING,
  performMaintenance,
  performMaintenancePprReq,
  performMaintenanceSparingReq,
} from '../../../commands/generic/maintenance.js';
import { RAS_FEATURES, type SparingKind, sparingRead } from '../../../commands/generic/ras-features.js';
import {
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_PAYLOADLEN,
  CXLMI_RET_RESOURCEEXHAUSTED,
  CXLMI_RET_UNSUPPORTED,
} from '../../../protocol/retcodes.js';
import type { EmulatedDevice } from '../../device.js';
import { DeviceReturn } from '../../device-return.js';
import type { FeatureStore } from '../../generic/feature-store.js';
import { CACHELINE } from '../config.js';
import type { MemdevState } from '../memdev-state.js';
import type { RepairScope } from '../ras/dram-geometry.js';
import type { RasState } from '../ras/ras-state.js';
import { requireIdle } from './idle.js';

/** How long a repair takes on the device clock (QEMU's features say 100 ms). */
export const REPAIR_MS = 100;

const SPARING_BY_SUBCLASS: readonly SparingKind[] = ['cacheline', 'row', 'bank', 'rank'];

function supports(features: FeatureStore, uuid: string): Uint8Array {
  try {
    return features.read(uuid, 0, 0xffff, 0);
  } catch {
    throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
  }
}

export function registerMaintenance(
  device: EmulatedDevice,
  s: MemdevState,
  ras: RasState,
  features: FeatureStore,
): void {
  device.handle(performMaintenance, (req, ctx) => {
    const p = ctx.payload;
    if (req.maint_op_class === MAINT_CLASS_NO_OP) return;
    s.requireMedia();
    if (req.maint_op_class === MAINT_CLASS_PPR) {
      if (req.maint_op_subclass > 1) throw new DeviceReturn(CXLMI_RET_INPUT);
      const hard = req.maint_op_subclass === 1;
      supports(features, RAS_FEATURES[hard ? 'hppr' : 'sppr'].uuid);
      if (p.length < performMaintenancePprReq.size!) throw new DeviceReturn(CXLMI_RET_PAYLOADLEN);
      const r = performMaintenancePprReq.decode(p);
      if (r.dpa % CACHELINE !== 0n) throw new DeviceReturn(CXLMI_RET_INPUT);
      if (r.dpa >= s.dpaLimit) throw new DeviceReturn(CXLMI_RET_PADDR);
      const kind = hard ? 'hppr' : 'sppr';
      if (r.flags_bits.query_resources) {
        ras.sparingEvent(
          MAINT_CLASS_PPR,
          req.maint_op_subclass,
          { query: true, hard },
          0,
          ras.resources[kind],
          {
            nibbleMask: r.nibble_mask,
          },
        );
        return;
      }
      if (ras.resources[kind] === 0) throw new DeviceReturn(CXLMI_RET_RESOURCEEXHAUSTED);
      requireIdle(device);
      return ctx.startBackground({
        durationMs: REPAIR_MS,
        abortable: false,
        complete: () => ras.completePpr(hard, r.dpa, r.nibble_mask),
      });
    }
    if (req.maint_op_class === MAINT_CLASS_SPARING) {
      const kind = SPARING_BY_SUBCLASS[req.maint_op_subclass];
      if (!kind) throw new DeviceReturn(CXLMI_RET_INPUT);
      const feature = sparingRead.decode(supports(features, RAS_FEATURES[`${kind}-sparing`].uuid));
      if (p.length < performMaintenanceSparingReq.size!) throw new DeviceReturn(CXLMI_RET_PAYLOADLEN);
      const r = performMaintenanceSparingReq.decode(p);
      const f = r.flags_bits;
      const scope: RepairScope = { channel: r.channel, rank: r.rank };
      if (kind !== 'rank') Object.assign(scope, { bankGroup: r.bank_group, bank: r.bank });
      if (kind === 'row' || kind === 'cacheline') scope.row = r.row;
      if (kind === 'cacheline') scope.column = r.column;
      const extra = {
        nibbleMask: f.nibble_mask_valid ? r.nibble_mask : undefined,
        subChannel: f.sub_channel_valid ? r.sub_channel : undefined,
      };
      const key = `${kind}-sparing` as const;
      if (f.query_resources) {
        ras.sparingEvent(
          MAINT_CLASS_SPARING,
          req.maint_op_subclass,
          { query: true, hard: f.hard_sparing },
          0,
          ras.resources[key],
          {
            ...scope,
            ...extra,
          },
        );
        return;
      }
      const offered = f.hard_sparing
        ? feature.restriction_flags_bits.hard_sparing_supported
        : feature.restriction_flags_bits.soft_sparing_supported;
      if (!offered) throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
      if (ras.resources[key] === 0) throw new DeviceReturn(CXLMI_RET_RESOURCEEXHAUSTED);
      requireIdle(device);
      return ctx.startBackground({
        durationMs: REPAIR_MS,
        abortable: false,
        complete: () => ras.completeSparing(kind, req.maint_op_subclass, f.hard_sparing, scope, extra),
      });
    }
    throw new DeviceReturn(CXLMI_RET_INPUT);
  });
}
