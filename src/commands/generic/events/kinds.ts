/**
 * The event record formats the spec defines, keyed by kind. Each entry names the record's UUID
 * (Table 8-43 "Event Record Identifier") and the layout of its 0x50 data bytes.
 */
import { DRAM_EVENT_UUID, dramEvent } from './dram.js';
import { DYNAMIC_CAPACITY_EVENT_UUID, dynamicCapacityEvent } from './dynamic-capacity.js';
import { GENERAL_MEDIA_EVENT_UUID, generalMediaEvent } from './general-media.js';
import { MEMORY_MODULE_EVENT_UUID, memoryModuleEvent } from './memory-module.js';
import { MEMORY_SPARING_EVENT_UUID, memorySparingEvent } from './memory-sparing.js';
import { MLD_PORT_EVENT_UUID, mldPortEvent } from './mld-port.js';
import { PHYSICAL_SWITCH_EVENT_UUID, physicalSwitchEvent } from './physical-switch.js';
import { VIRTUAL_SWITCH_EVENT_UUID, virtualSwitchEvent } from './virtual-switch.js';

export const EVENT_RECORD_KINDS = {
  general_media: { uuid: GENERAL_MEDIA_EVENT_UUID, title: 'General Media', layout: generalMediaEvent },
  dram: { uuid: DRAM_EVENT_UUID, title: 'DRAM', layout: dramEvent },
  memory_module: { uuid: MEMORY_MODULE_EVENT_UUID, title: 'Memory Module', layout: memoryModuleEvent },
  memory_sparing: { uuid: MEMORY_SPARING_EVENT_UUID, title: 'Memory Sparing', layout: memorySparingEvent },
  physical_switch: {
    uuid: PHYSICAL_SWITCH_EVENT_UUID,
    title: 'Physical Switch',
    layout: physicalSwitchEvent,
  },
  virtual_switch: { uuid: VIRTUAL_SWITCH_EVENT_UUID, title: 'Virtual Switch', layout: virtualSwitchEvent },
  mld_port: { uuid: MLD_PORT_EVENT_UUID, title: 'MLD Port', layout: mldPortEvent },
  dynamic_capacity: {
    uuid: DYNAMIC_CAPACITY_EVENT_UUID,
    title: 'Dynamic Capacity',
    layout: dynamicCapacityEvent,
  },
} as const;

export type EventRecordKind = keyof typeof EVENT_RECORD_KINDS;
