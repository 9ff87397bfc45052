/**
 * Maintenance command set (06h): Perform Maintenance (0600h), CXL r3.2 §8.2.10.7.1.
 *
 * One opcode, one payload shape per maintenance class: the input starts with the class and
 * subclass (Table 8-117) and the rest is the class's own input (Tables 8-118 to 8-120). Offsets
 * and widths follow QEMU's `cmd_media_perform_maintenance` input and Linux's
 * `cxl_memdev_ppr_maintenance_attrbs` / `cxl_memdev_sparing_in_payload`.
 */
import { bitfield, bytes, struct, u8, u16, u24, u64 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from './effects.js';

/** Maintenance operation classes (Table 8-117 / the feature's class byte). */
export const MAINT_CLASS_NO_OP = 0x00;
export const MAINT_CLASS_PPR = 0x01;
export const MAINT_CLASS_SPARING = 0x02;
/** PPR subclasses. */
export const MAINT_SUBCLASS_SPPR = 0x00;
export const MAINT_SUBCLASS_HPPR = 0x01;
/** Memory sparing subclasses. */
export const MAINT_SUBCLASS_CACHELINE_SPARING = 0x00;
export const MAINT_SUBCLASS_ROW_SPARING = 0x01;
export const MAINT_SUBCLASS_BANK_SPARING = 0x02;
export const MAINT_SUBCLASS_RANK_SPARING = 0x03;

const maintenanceEffects = effectMask([
  'immediate_config_change',
  'immediate_data_change',
  'immediate_log_change',
  'background_operation',
]);

/** Any class: class, subclass and the class's input as bytes (Table 8-117). */
export const performMaintenanceReq = struct('cxlmi_cmd_perform_maintenance_req', {
  maint_op_class: u8,
  maint_op_subclass: u8,
  maint_op_data: bytes('rest'),
});

export const performMaintenance = defineCommand({
  name: 'perform_maintenance',
  method: 'performMaintenance',
  opcode: 0x0600,
  set: 'generic',
  title: 'Perform Maintenance',
  spec: 'r3.2 8.2.10.7.1',
  request: performMaintenanceReq,
  response: null,
  background: true,
  effects: maintenanceEffects,
});

/** sPPR / hPPR input (Tables 8-118, 8-119): flags, DPA, nibble mask. 14 bytes with the header. */
export const performMaintenancePprReq = struct('cxlmi_cmd_perform_maintenance_ppr_req', {
  maint_op_class: u8,
  maint_op_subclass: u8,
  flags: bitfield(u8, { query_resources: 0 }),
  dpa: u64,
  nibble_mask: u24,
});

export const performMaintenancePpr = defineCommand({
  name: 'perform_maintenance_ppr',
  method: 'performMaintenancePpr',
  opcode: 0x0600,
  set: 'generic',
  title: 'Perform Maintenance: Post Package Repair',
  spec: 'r3.2 8.2.10.7.1.2',
  request: performMaintenancePprReq,
  response: null,
  background: true,
  effects: maintenanceEffects,
  sharesOpcode: true,
});

/**
 * Memory sparing input (Table 8-120): a DRAM address. Which fields count depends on the
 * subclass: rank sparing uses channel and rank, bank adds bank group and bank, row adds the row,
 * cacheline adds the column and sub-channel. 16 bytes with the header.
 */
export const performMaintenanceSparingReq = struct('cxlmi_cmd_perform_maintenance_sparing_req', {
  maint_op_class: u8,
  maint_op_subclass: u8,
  flags: bitfield(u8, {
    query_resources: 0,
    hard_sparing: 1,
    sub_channel_valid: 2,
    nibble_mask_valid: 3,
  }),
  channel: u8,
  rank: u8,
  nibble_mask: u24,
  bank_group: u8,
  bank: u8,
  row: u24,
  column: u16,
  sub_channel: u8,
});

export const performMaintenanceSparing = defineCommand({
  name: 'perform_maintenance_sparing',
  method: 'performMaintenanceSparing',
  opcode: 0x0600,
  set: 'generic',
  title: 'Perform Maintenance: Memory Sparing',
  spec: 'r3.2 8.2.10.7.1.4',
  request: performMaintenanceSparingReq,
  response: null,
  background: true,
  effects: maintenanceEffects,
  sharesOpcode: true,
});
