/**
 * Vectors for Perform Maintenance (0600h), CXL r3.2 §8.2.10.7.1, Tables 8-117 to 8-120. Offsets
 * from QEMU's cmd_media_perform_maintenance input (hw/cxl/cxl-mailbox-utils.c: class, subclass,
 * then the PPR { flags, dpa, nibble_mask[3] } or CXLMemSparingMaintInPayload union) and Linux's
 * cxl_memdev_ppr_maintenance_attrbs / cxl_memdev_sparing_in_payload (drivers/cxl/core/edac.c).
 * Every field holds a value no same-width sibling holds.
 */
import { type LayoutVector, req, vector } from './vector.js';

const witnesses = 'QEMU cmd_media_perform_maintenance; Linux drivers/cxl/core/edac.c';

export const maintenanceVectors: LayoutVector[] = [
  vector({
    layout: req('perform_maintenance'),
    source: `CXL r3.2 Table 8-117; ${witnesses} (cxl_mbox_maintenance_hdr)`,
    // class | subclass | class input
    hex: '03 | 07 | a1 b2 c3',
    value: { maint_op_class: 0x03, maint_op_subclass: 0x07, maint_op_data: Uint8Array.of(0xa1, 0xb2, 0xc3) },
  }),
  vector({
    layout: req('perform_maintenance_ppr'),
    source: `CXL r3.2 Tables 8-118 / 8-119; ${witnesses} (ppr union, cxl_memdev_ppr_maintenance_attrbs)`,
    // class | subclass | flags | DPA (8) | nibble mask (3)
    hex: '01 | 02 | 05 | 40 36 25 14 0c 0b 0a 09 | c3 d4 e5',
    value: {
      maint_op_class: 0x01,
      maint_op_subclass: 0x02,
      flags: 0x05,
      dpa: 0x090a0b0c14253640n,
      nibble_mask: 0xe5d4c3,
    },
  }),
  vector({
    layout: req('perform_maintenance_sparing'),
    source: `CXL r3.2 Table 8-120; ${witnesses} (CXLMemSparingMaintInPayload, cxl_memdev_sparing_in_payload)`,
    // class | subclass | flags | channel | rank | nibble mask (3) | bank group | bank | row (3) | column | sub-channel
    hex: '02 | 03 | 0e | 05 | 06 | a7 b8 c9 | 1d | 2e | 4f 5a 6b | 7c 8d | 9f',
    value: {
      maint_op_class: 0x02,
      maint_op_subclass: 0x03,
      flags: 0x0e,
      channel: 0x05,
      rank: 0x06,
      nibble_mask: 0xc9b8a7,
      bank_group: 0x1d,
      bank: 0x2e,
      row: 0x6b5a4f,
      column: 0x8d7c,
      sub_channel: 0x9f,
    },
  }),
];
