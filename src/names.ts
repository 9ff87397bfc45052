/**
 * Names for the coded values a user meets in decoded results, for reports and UIs: port states,
 * connected device types, LTSSM states, component types, media status, vPPB binding and VCS
 * states, media operation classes. Each map is keyed by the value in the response field it names;
 * `codeName(map, v)` gives the name or `Reserved (0x..)` for a value the spec does not define.
 * The CLI, the emulator's topology files and the examples all use these.
 */
import { MEDIA_STATUS } from './commands/memdev/health-status.js';

export { HEALTH_LEVEL, mediaStatusName } from './commands/memdev/health-status.js';

import {
  CXLMI_MEDIA_OP_CLASS_GENERAL,
  CXLMI_MEDIA_OP_CLASS_SANITIZE,
  CXLMI_MEDIA_OP_GENERAL_DISCOVERY,
  CXLMI_MEDIA_OP_SANITIZE_SANITIZE,
  CXLMI_MEDIA_OP_SANITIZE_ZERO,
} from './commands/memdev/sanitize.js';
import { CXLMI_COMPONENT_TYPE_SWITCH, CXLMI_COMPONENT_TYPE_TYPE3 } from './protocol/constants.js';

export type CodeNames = Readonly<Record<number, string>>;

/** Current Port Configuration State (`config_state.state` of Get Physical Port State, CXL r3.1 Table 7-19). */
export const PORT_CONFIG_STATE_NAMES: CodeNames = Object.freeze({
  0: 'Disabled',
  1: 'Bind in progress',
  2: 'Unbind in progress',
  3: 'DSP',
  4: 'USP',
  5: 'Fabric port',
  15: 'Invalid port ID',
});

/** Connected Device Type (`conn_dev_type` of Get Physical Port State, CXL r3.1 Table 7-19). */
export const CONNECTED_DEVICE_TYPE_NAMES: CodeNames = Object.freeze({
  0: 'No device',
  1: 'PCIe device',
  2: 'CXL Type 1',
  3: 'CXL Type 2',
  4: 'CXL Type 3 SLD',
  5: 'CXL Type 3 MLD',
});

/** LTSSM State (`ltssm_state` of Get Physical Port State, CXL r3.1 Table 7-19). */
export const LTSSM_STATE_NAMES: CodeNames = Object.freeze({
  0: 'Detect',
  1: 'Polling',
  2: 'Configuration',
  3: 'Recovery',
  4: 'L0',
  5: 'L0s',
  6: 'L1',
  7: 'L2',
  8: 'Disabled',
  9: 'Loopback',
  10: 'Hot Reset',
});

/** Component Type of Identify (0001h), CXL r3.1 Table 8-36. */
export const COMPONENT_TYPE_NAMES: CodeNames = Object.freeze({
  [CXLMI_COMPONENT_TYPE_SWITCH]: 'Switch',
  [CXLMI_COMPONENT_TYPE_TYPE3]: 'Type 3 memory device',
});

/** Media Status of Get Health Info (`media_status`), CXL r3.1 Table 8-133. */
export const MEDIA_STATUS_NAMES: CodeNames = Object.freeze({ ...MEDIA_STATUS });

/** vPPB Binding Status of Get Virtual CXL Switch Info (`binding_status`), CXL r3.1 Table 7-27. */
export const VPPB_BINDING_STATUS_NAMES: CodeNames = Object.freeze({
  0: 'Unbound',
  1: 'Bind or unbind in progress',
  2: 'Bound to a physical port',
  3: 'Bound to an LD',
});

/** VCS State of Get Virtual CXL Switch Info (`vcs_state`), CXL r3.1 Table 7-27. */
export const VCS_STATE_NAMES: CodeNames = Object.freeze({
  0: 'Disabled',
  1: 'Enabled',
  255: 'Invalid VCS ID',
});

/** Media Operation Class (`media_op_class`), CXL r3.2 Table 8-153. */
export const MEDIA_OPERATION_CLASS_NAMES: CodeNames = Object.freeze({
  [CXLMI_MEDIA_OP_CLASS_GENERAL]: 'General',
  [CXLMI_MEDIA_OP_CLASS_SANITIZE]: 'Sanitize',
});

/** Media Operation Subclass names per class (`media_op_subclass`), CXL r3.2 Table 8-153. */
export const MEDIA_OPERATION_SUBCLASS_NAMES: Readonly<Record<number, CodeNames>> = Object.freeze({
  [CXLMI_MEDIA_OP_CLASS_GENERAL]: Object.freeze({ [CXLMI_MEDIA_OP_GENERAL_DISCOVERY]: 'Discovery' }),
  [CXLMI_MEDIA_OP_CLASS_SANITIZE]: Object.freeze({
    [CXLMI_MEDIA_OP_SANITIZE_SANITIZE]: 'Sanitize',
    [CXLMI_MEDIA_OP_SANITIZE_ZERO]: 'Zero',
  }),
});

/** `names[value]`, or `Reserved (0x0a)` for a value the map does not name. */
export function codeName(names: CodeNames, value: number): string {
  return names[value] ?? `Reserved (0x${value.toString(16).padStart(2, '0')})`;
}

/** `General: Discovery` for a media operation class and subclass. */
export function mediaOperationName(cls: number, subclass: number): string {
  const sub = MEDIA_OPERATION_SUBCLASS_NAMES[cls];
  return `${codeName(MEDIA_OPERATION_CLASS_NAMES, cls)}: ${sub ? codeName(sub, subclass) : `Reserved (0x${subclass.toString(16).padStart(2, '0')})`}`;
}
