/** Every subcommand group, in the order `cxlmi --help` lists them. */
import type { Register } from '../program.js';
import { registerCaps } from './caps.js';
import { registerCompletion } from './completion.js';
import { registerDcd } from './dcd.js';
import { registerEmulate } from './emulate.js';
import { registerEvents } from './events.js';
import { registerExporter } from './exporter.js';
import { registerFabric } from './fabric.js';
import { registerFeatures } from './features.js';
import { registerFw } from './fw.js';
import { registerHealth } from './health.js';
import { registerIdentify } from './identify.js';
import { registerLd } from './ld.js';
import { registerList } from './list.js';
import { registerLogs } from './logs.js';
import { registerLsa } from './lsa.js';
import { registerMaintenance } from './maintenance.js';
import { registerMhd } from './mhd.js';
import { registerPartition } from './partition.js';
import { registerPoison } from './poison.js';
import { registerQos } from './qos.js';
import { registerRaw } from './raw.js';
import { registerRepair } from './repair.js';
import { registerSanitize } from './sanitize.js';
import { registerSecurity } from './security.js';
import { registerShutdownState } from './shutdown-state.js';
import { registerSwitch } from './switch.js';
import { registerTimestamp } from './timestamp.js';

export const registrations: readonly Register[] = [
  registerList,
  registerIdentify,
  registerCaps,
  registerHealth,
  registerShutdownState,
  registerPartition,
  registerLsa,
  registerPoison,
  registerSanitize,
  registerMaintenance,
  registerRepair,
  registerSecurity,
  registerQos,
  registerDcd,
  registerSwitch,
  registerLd,
  registerMhd,
  registerFabric,
  registerTimestamp,
  registerEvents,
  registerFw,
  registerLogs,
  registerFeatures,
  registerRaw,
  registerExporter,
  registerEmulate,
  registerCompletion,
];
