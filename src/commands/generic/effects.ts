/** Command Effect bits (CXL r3.1 Table 8-75), used by CEL entries and Set Feature Effects. */
import { bitfield, struct, u16 } from '../../protocol/layout/index.js';

export const COMMAND_EFFECT_BITS = {
  config_change_cold_reset: 0,
  immediate_config_change: 1,
  immediate_data_change: 2,
  immediate_policy_change: 3,
  immediate_log_change: 4,
  security_state_change: 5,
  background_operation: 6,
  secondary_mailbox_supported: 7,
  request_abort_bg_op_supported: 8,
  cel_11_10_valid: 9,
  config_change_conventional_reset: 10,
  config_change_cxl_reset: 11,
} as const;

export type CommandEffectName = keyof typeof COMMAND_EFFECT_BITS;

export const commandEffects = bitfield(u16, COMMAND_EFFECT_BITS);

/** One CEL entry (Table 8-75); libcxlmi calls it `cxlmi_cmd_get_log_cel_rsp`. */
export const celEntry = struct('cxlmi_cmd_get_log_cel_rsp', { opcode: u16, command_effect: commandEffects });

/** The effect mask for a list of effect names. */
export function effectMask(names: readonly CommandEffectName[]): number {
  let mask = 0;
  for (const n of names) mask |= 1 << COMMAND_EFFECT_BITS[n];
  return mask;
}
