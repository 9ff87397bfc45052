/**
 * The data of the memory RAS features (CXL r3.2 §8.2.10.7.2 and §8.2.10.9.11), read with Get
 * Feature and written with Set Feature. Offsets and widths follow QEMU's `CXLMemPatrolScrub*`,
 * `CXLMemECS*`, `CXLMemSoftPPR*` / `CXLMemHardPPR*`, `CXLMemSparing*` (include/hw/cxl/cxl_device.h)
 * and Linux's `cxl_scrub_*`, `cxl_ecs_*`, `cxl_memdev_ppr_rd_attrbs`, `cxl_memdev_sparing_rd_attrbs`
 * (drivers/cxl/core/edac.c); field names are Linux's.
 */
import { bitfield, bits, reserved, struct, u8, u16, varArray } from '../../protocol/layout/index.js';

export const PATROL_SCRUB_UUID = '96dad7d6-fde8-482b-a733-75774e06db8a';
export const ECS_UUID = 'e5b13f22-2328-4a14-b8ba-b9691e893386';
export const SPPR_UUID = '892ba475-fad8-474e-9d3e-692c917568bb';
export const HPPR_UUID = '80ea4521-786f-4127-afb1-ec7459fb0e24';
export const CACHELINE_SPARING_UUID = '96c33386-91dd-44c7-9ecb-fdaf6503bac4';
export const ROW_SPARING_UUID = '450ebf67-b135-4f97-a498-c2d57f279bed';
export const BANK_SPARING_UUID = '78b79636-90ac-4b64-a4ef-faac5d18a863';
export const RANK_SPARING_UUID = '34dbaff5-0552-4281-8f76-da0b5e7a76a7';

/** Device Patrol Scrub Control, readable attributes (r3.2 Table 8-222): 4 bytes. */
export const patrolScrubRead = struct('cxlmi_patrol_scrub_rd_attrs', {
  scrub_cycle_cap: bitfield(u8, { cycle_changeable: 0, realtime_report: 1 }),
  scrub_cycle: bits(u16, { scrub_cycle_hours: [0, 8], min_scrub_cycle_hours: [8, 8] }),
  scrub_flags: bitfield(u8, { enabled: 0 }),
});

/** Device Patrol Scrub Control, writable attributes (r3.2 Table 8-223): 2 bytes. */
export const patrolScrubWrite = struct('cxlmi_patrol_scrub_wr_attrs', {
  scrub_cycle_hours: u8,
  scrub_flags: bitfield(u8, { enable: 0 }),
});

/** One media FRU of DDR5 ECS Control, readable (r3.2 Table 8-225): 4 bytes. */
export const ecsFruRead = struct('cxlmi_ecs_fru_rd_attrs', {
  ecs_cap: bitfield(u8, { realtime_report: 0 }),
  ecs_config: bits(u16, { threshold_count: [0, 3], count_mode: 3, reset_counter: 4 }),
  ecs_flags: u8,
});

/** DDR5 ECS Control, readable: log capabilities then one entry per media FRU. */
export const ecsRead = struct('cxlmi_ecs_rd_attrs', {
  ecs_log_cap: bitfield(u8, { log_entry_type: [0, 2] }),
  fru_attrs: varArray(ecsFruRead, 'rest'),
});

/** One media FRU of DDR5 ECS Control, writable (r3.2 Table 8-226): the configuration word. */
export const ecsFruWrite = struct('cxlmi_ecs_fru_wr_attrs', {
  ecs_config: bits(u16, { threshold_count: [0, 3], count_mode: 3, reset_counter: 4 }),
});

/** DDR5 ECS Control, writable: log capabilities then one configuration word per FRU. */
export const ecsWrite = struct('cxlmi_ecs_wr_attrs', {
  ecs_log_cap: u8,
  fru_attrs: varArray(ecsFruWrite, 'rest'),
});

/** ECS threshold count index (config bits 2:0) → errors per Gb (Linux `ecs_supp_threshold`). */
export const ECS_THRESHOLDS: Readonly<Record<number, number>> = { 3: 256, 4: 1024, 5: 4096 };

/** The 16-byte header every repair feature starts with (r3.2 Tables 8-128, 8-131, 8-134). */
const repairHeader = {
  max_maint_latency: u8,
  op_caps: bitfield(u16, { device_initiated: 0 }),
  op_mode: bitfield(u16, { device_initiated: 0 }),
  maint_op_class: u8,
  maint_op_subclass: u8,
  rsvd: reserved(9),
} as const;

/** sPPR / hPPR readable attributes (r3.2 Tables 8-128, 8-131): 20 bytes. */
export const pprRead = struct('cxlmi_ppr_rd_attrs', {
  ...repairHeader,
  ppr_flags: bitfield(u8, {
    dpa_support: 0,
    nibble_support: 1,
    mem_sparing_ev_rec_cap: 2,
    dev_initiated_at_boot_cap: 3,
  }),
  restriction_flags: bitfield(u16, { media_not_accessible: 0, data_not_retained: 2 }),
  ppr_op_mode: bitfield(u8, { mem_sparing_ev_rec_en: 0, dev_initiated_at_boot: 1 }),
});

/** sPPR / hPPR writable attributes (r3.2 Tables 8-129, 8-132): 3 bytes. */
export const pprWrite = struct('cxlmi_ppr_wr_attrs', {
  op_mode: bitfield(u16, { device_initiated: 0 }),
  ppr_op_mode: bitfield(u8, { mem_sparing_ev_rec_en: 0, dev_initiated_at_boot: 1 }),
});

/**
 * Memory sparing readable attributes (r3.2 Table 8-134): 19 bytes. Restriction bit 0 set means
 * the operation is not safe while the memory is in use (Linux reads `safe_when_in_use` as its
 * inverse); bits 1 and 2 say which persistence modes the device offers.
 */
export const sparingRead = struct('cxlmi_sparing_rd_attrs', {
  ...repairHeader,
  rsvd2: reserved(1),
  restriction_flags: bitfield(u16, {
    not_safe_when_in_use: 0,
    hard_sparing_supported: 1,
    soft_sparing_supported: 2,
  }),
});

/** Memory sparing writable attributes (r3.2 Table 8-135): 2 bytes. */
export const sparingWrite = struct('cxlmi_sparing_wr_attrs', {
  op_mode: bitfield(u16, { device_initiated: 0 }),
});

/** The RAS features by the names the CLI, the docs and the exporter use. */
export const RAS_FEATURES = {
  'patrol-scrub': {
    uuid: PATROL_SCRUB_UUID,
    title: 'Device Patrol Scrub Control',
    read: patrolScrubRead,
    write: patrolScrubWrite,
  },
  ecs: { uuid: ECS_UUID, title: 'DDR5 Error Check Scrub (ECS) Control', read: ecsRead, write: ecsWrite },
  sppr: { uuid: SPPR_UUID, title: 'Soft Post Package Repair (sPPR)', read: pprRead, write: pprWrite },
  hppr: { uuid: HPPR_UUID, title: 'Hard Post Package Repair (hPPR)', read: pprRead, write: pprWrite },
  'cacheline-sparing': {
    uuid: CACHELINE_SPARING_UUID,
    title: 'Cacheline Memory Sparing',
    read: sparingRead,
    write: sparingWrite,
  },
  'row-sparing': {
    uuid: ROW_SPARING_UUID,
    title: 'Row Memory Sparing',
    read: sparingRead,
    write: sparingWrite,
  },
  'bank-sparing': {
    uuid: BANK_SPARING_UUID,
    title: 'Bank Memory Sparing',
    read: sparingRead,
    write: sparingWrite,
  },
  'rank-sparing': {
    uuid: RANK_SPARING_UUID,
    title: 'Rank Memory Sparing',
    read: sparingRead,
    write: sparingWrite,
  },
} as const;

export type RasFeatureName = keyof typeof RAS_FEATURES;
export type SparingKind = 'cacheline' | 'row' | 'bank' | 'rank';

/** Sparing subclass (Table 8-117) per kind, finest first. */
export const SPARING_SUBCLASS: Readonly<Record<SparingKind, number>> = {
  cacheline: 0,
  row: 1,
  bank: 2,
  rank: 3,
};

/** The RAS feature name for a UUID, when it is one. */
export function rasFeatureName(uuid: string): RasFeatureName | undefined {
  const id = uuid.toLowerCase();
  return (Object.keys(RAS_FEATURES) as RasFeatureName[]).find((n) => RAS_FEATURES[n].uuid === id);
}
