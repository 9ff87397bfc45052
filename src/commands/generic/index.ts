import {
  clearEventRecords,
  eventNotification,
  getEventInterruptPolicy,
  getEventRecords,
  getMctpEventInterruptPolicy,
  setEventInterruptPolicy,
  setMctpEventInterruptPolicy,
} from './events.js';
import { getFeature, getSupportedFeatures, setFeature } from './features.js';
import { activateFw, getFwInfo, transferFw } from './firmware.js';
import {
  bgOpStatus,
  getResponseMsgLimit,
  identify,
  requestBgOpAbort,
  setResponseMsgLimit,
} from './info-status.js';
import {
  clearLog,
  getLog,
  getLogCapabilities,
  getSupportedLogs,
  getSupportedLogsSublist,
  populateLog,
} from './logs.js';
import { performMaintenance, performMaintenancePpr, performMaintenanceSparing } from './maintenance.js';
import { getTimestamp, setTimestamp } from './timestamp.js';

export * from './effects.js';
export * from './events/index.js';
export * from './events.js';
export * from './features.js';
export * from './firmware.js';
export * from './info-status.js';
export * from './logs.js';
export * from './maintenance.js';
export * from './ras-features.js';
export * from './timestamp.js';

/** Generic Component commands (CXL r3.1 Table 8-37, command sets 00h–06h). */
export const genericCommands = [
  identify,
  bgOpStatus,
  getResponseMsgLimit,
  setResponseMsgLimit,
  requestBgOpAbort,
  getEventRecords,
  clearEventRecords,
  getEventInterruptPolicy,
  setEventInterruptPolicy,
  getMctpEventInterruptPolicy,
  setMctpEventInterruptPolicy,
  eventNotification,
  getFwInfo,
  transferFw,
  activateFw,
  getTimestamp,
  setTimestamp,
  getSupportedLogs,
  getLog,
  getLogCapabilities,
  clearLog,
  populateLog,
  getSupportedLogsSublist,
  getSupportedFeatures,
  getFeature,
  setFeature,
  performMaintenance,
  performMaintenancePpr,
  performMaintenanceSparing,
] as const;
