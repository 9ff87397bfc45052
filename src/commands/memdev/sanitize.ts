/** Sanitize and Media Operations command set (0x44), CXL r3.1 §8.2.9.9.5, r3.2 §8.2.10.9.5.3. */
import { reserved, struct, u8, u16, u32, u64, varArray } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from '../generic/effects.js';

export const sanitize = defineCommand({
  name: 'memdev_sanitize',
  method: 'sanitize',
  opcode: 0x4400,
  set: 'memdev',
  title: 'Sanitize',
  spec: '8.2.9.9.5.1',
  request: null,
  response: null,
  background: true,
  // All user data goes, the security state is reset, and it may be aborted (0164h; QEMU's CEL
  // lists 0064h). See docs/command-effects.md.
  effects: effectMask([
    'immediate_data_change',
    'security_state_change',
    'background_operation',
    'request_abort_bg_op_supported',
  ]),
});

export const secureErase = defineCommand({
  name: 'memdev_secure_erase',
  method: 'secureErase',
  opcode: 0x4401,
  set: 'memdev',
  title: 'Secure Erase',
  spec: '8.2.9.9.5.2',
  request: null,
  response: null,
  // Not a background command: the keys change at once (0024h).
  effects: effectMask(['immediate_data_change', 'security_state_change']),
});

/** Media Operations (4402h) effects: Immediate Data Change and Background Operation (0044h). */
const MEDIA_OPERATIONS_EFFECTS = effectMask(['immediate_data_change', 'background_operation']);

/** Media Operation classes and subclasses (CXL r3.2 §8.2.10.9.5.3). */
export const CXLMI_MEDIA_OP_CLASS_GENERAL = 0;
export const CXLMI_MEDIA_OP_GENERAL_DISCOVERY = 0;
export const CXLMI_MEDIA_OP_CLASS_SANITIZE = 1;
export const CXLMI_MEDIA_OP_SANITIZE_SANITIZE = 0;
export const CXLMI_MEDIA_OP_SANITIZE_ZERO = 1;

/** Media Operations input payload for Discovery (class 0, subclass 0). */
export const mediaOperationsDiscoveryReq = struct('cxlmi_cmd_memdev_media_operations_discovery_req', {
  media_operation_class: u8,
  media_operation_subclass: u8,
  rsvd: reserved(2),
  dpa_range_count: u32,
  discovery_osa: struct('discovery_osa', { start_index: u16, num_ops: u16 }),
});

/** One supported operation in the Discovery output. */
export const mediaOpsSupportedListEntry = struct('cxlmi_cmd_memdev_media_ops_supported_list_entry', {
  media_op_class: u8,
  media_op_subclass: u8,
});

/** Media Operations Discovery output payload. */
export const mediaOperationsDiscoveryRsp = struct('cxlmi_cmd_memdev_media_operations_discovery_rsp', {
  dpa_range_granularity: u64,
  total_supported_ops: u16,
  num_supported_ops: u16,
  entry: varArray(mediaOpsSupportedListEntry, { count: 'num_supported_ops' }),
});

export const mediaOperationsDiscovery = defineCommand({
  name: 'memdev_media_operations_discovery',
  method: 'mediaOperationsDiscovery',
  opcode: 0x4402,
  set: 'memdev',
  title: 'Media Operations: Discovery',
  spec: 'r3.2 8.2.10.9.5.3',
  request: mediaOperationsDiscoveryReq,
  response: mediaOperationsDiscoveryRsp,
  // The Command Effects Log has one entry per opcode: Discovery lists those of the operations.
  effects: MEDIA_OPERATIONS_EFFECTS,
});

/** A DPA range for Media Operations (bytes). */
export const mediaOpsDpaRangeListEntry = struct('cxlmi_cmd_memdev_media_ops_dpa_range_list_entry', {
  starting_dpa: u64,
  length: u64,
});

/** Media Operations input payload for Sanitize / Zero (class 1). */
export const mediaOperationsSanitizeReq = struct('cxlmi_cmd_memdev_media_operations_sanitize_req', {
  media_operation_class: u8,
  media_operation_subclass: u8,
  rsvd: reserved(2),
  dpa_range_count: u32,
  dpa_range_list: varArray(mediaOpsDpaRangeListEntry, { count: 'dpa_range_count' }),
});

export const mediaOperationsSanitize = defineCommand({
  name: 'memdev_media_operations_sanitize',
  method: 'mediaOperationsSanitize',
  opcode: 0x4402,
  set: 'memdev',
  title: 'Media Operations: Sanitize or Zero',
  spec: 'r3.2 8.2.10.9.5.3',
  request: mediaOperationsSanitizeReq,
  response: null,
  background: true,
  effects: MEDIA_OPERATIONS_EFFECTS,
  // Discovery is the primary declaration of 4402h; the emulator dispatches on the class.
  sharesOpcode: true,
});
