/** Features command set (CXL r3.1 §8.2.9.6). */
import {
  bitfield,
  bytes,
  reserved,
  struct,
  u8,
  u16,
  u32,
  uuid,
  varArray,
} from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { commandEffects, effectMask } from './effects.js';

/** Table 8-97. */
export const supportedFeatureEntry = struct('cxlmi_supported_feature_entry', {
  feature_id: uuid,
  feature_index: u16,
  get_feature_size: u16,
  set_feature_size: u16,
  attribute_flags: bitfield(u32, {
    changeable: 0,
    deepest_reset_persistence: [1, 3],
    persist_across_fw_update: 4,
    default_selection_supported: 5,
    saved_selection_supported: 6,
  }),
  get_feature_version: u8,
  set_feature_version: u8,
  set_feature_effects: commandEffects,
  rsvd: reserved(18),
});

export const getSupportedFeatures = defineCommand({
  name: 'get_supported_features',
  method: 'getSupportedFeatures',
  opcode: 0x0500,
  set: 'generic',
  title: 'Get Supported Features',
  spec: '8.2.9.6.1',
  /** Table 8-95: `count` is a byte count of the output, not a number of entries. */
  request: struct('cxlmi_cmd_get_supported_features_req', {
    count: u32,
    starting_feature_index: u16,
    rsvd: reserved(2),
  }),
  /** Table 8-96. */
  response: struct('cxlmi_cmd_get_supported_features_rsp', {
    num_supported_feature_entries: u16,
    device_supported_features: u16,
    rsvd: reserved(4),
    supported_feature_entries: varArray(supportedFeatureEntry, { count: 'num_supported_feature_entries' }),
  }),
});

/** Get Feature selection values (Table 8-99). */
export const FEATURE_SELECTION_CURRENT = 0;
export const FEATURE_SELECTION_DEFAULT = 1;
export const FEATURE_SELECTION_SAVED = 2;

export const getFeature = defineCommand({
  name: 'get_feature',
  method: 'getFeature',
  opcode: 0x0501,
  set: 'generic',
  title: 'Get Feature',
  spec: '8.2.9.6.2',
  /** Table 8-99. */
  request: struct('cxlmi_cmd_get_feature_req', { feature_id: uuid, offset: u16, count: u16, selection: u8 }),
  /** Table 8-100. */
  response: struct('cxlmi_cmd_get_feature_rsp', { feature_data: bytes('rest') }),
});

/** Set Feature actions (Table 8-101, Set Feature Flags bits 2:0). */
export const FEATURE_ACTION_FULL = 0;
export const FEATURE_ACTION_INITIATE = 1;
export const FEATURE_ACTION_CONTINUE = 2;
export const FEATURE_ACTION_FINISH = 3;
export const FEATURE_ACTION_ABORT = 4;

export const setFeature = defineCommand({
  name: 'set_feature',
  method: 'setFeature',
  opcode: 0x0502,
  set: 'generic',
  title: 'Set Feature',
  spec: '8.2.9.6.3',
  /** Table 8-101. */
  request: struct('cxlmi_cmd_set_feature_req', {
    feature_id: uuid,
    set_feature_flags: bitfield(u32, { action: [0, 3], saved_across_reset: 3 }),
    offset: u16,
    version: u8,
    rsvd: reserved(9),
    feature_data: bytes('rest'),
  }),
  response: null,
  effects: effectMask([
    'config_change_cold_reset',
    'cel_11_10_valid',
    'config_change_conventional_reset',
    'config_change_cxl_reset',
    'immediate_config_change',
    'immediate_data_change',
    'immediate_policy_change',
    'immediate_log_change',
    'security_state_change',
  ]),
});
