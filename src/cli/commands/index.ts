/** Every subcommand group, in the order `cxlmi --help` lists them. */
import type { Register } from '../program.js';
import { registerCaps } from './caps.js';
import { registerCompletion } from './completion.js';
import { registerEvents } from './events.js';
import { registerExporter } from './exporter.js';
import { registerFeatures } from './features.js';
import { registerFw } from './fw.js';
import { registerIdentify } from './identify.js';
import { registerList } from './list.js';
import { registerLogs } from './logs.js';
import { registerRaw } from './raw.js';
import { registerTimestamp } from './timestamp.js';

export const registrations: readonly Register[] = [
  registerList,
  registerIdentify,
  registerCaps,
  registerTimestamp,
  registerEvents,
  registerFw,
  registerLogs,
  registerFeatures,
  registerRaw,
  registerExporter,
  registerCompletion,
];
