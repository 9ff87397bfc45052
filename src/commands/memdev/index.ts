import { getLsa, getPartitionInfo, setLsa, setPartitionInfo } from './capacity-config.js';
import { addDcResponse, getDcConfig, getDcExtentList, releaseDc } from './dynamic-capacity.js';
import {
  getAlertConfig,
  getHealthInfo,
  getShutdownState,
  setAlertConfig,
  setShutdownState,
} from './health.js';
import { memdevIdentify } from './identify.js';
import {
  clearPoison,
  getPoisonList,
  getScanMediaCapabilities,
  getScanMediaResults,
  injectPoison,
  scanMedia,
} from './media-poison.js';
import { mediaOperationsDiscovery, mediaOperationsSanitize, sanitize, secureErase } from './sanitize.js';
import {
  disablePassphrase,
  freezeSecurityState,
  getSecurityState,
  passphraseSecureErase,
  setPassphrase,
  unlock,
} from './security.js';
import { securityReceive, securitySend } from './security-passthrough.js';
import { getSldQosControl, getSldQosStatus, setSldQosControl } from './sld-qos.js';

export * from './capacity-config.js';
export * from './dynamic-capacity.js';
export * from './health.js';
export * from './health-status.js';
export * from './identify.js';
export * from './media-error.js';
export * from './media-poison.js';
export * from './sanitize.js';
export * from './security.js';
export * from './security-passthrough.js';
export * from './sld-qos.js';
export * from './units.js';

/** Memory Device commands (CXL r3.1 Table 8-126, command sets 40h–48h). */
export const memdevCommands = [
  memdevIdentify,
  getPartitionInfo,
  setPartitionInfo,
  getLsa,
  setLsa,
  getHealthInfo,
  getAlertConfig,
  setAlertConfig,
  getShutdownState,
  setShutdownState,
  getPoisonList,
  injectPoison,
  clearPoison,
  getScanMediaCapabilities,
  scanMedia,
  getScanMediaResults,
  sanitize,
  secureErase,
  mediaOperationsDiscovery,
  mediaOperationsSanitize,
  getSecurityState,
  setPassphrase,
  disablePassphrase,
  unlock,
  freezeSecurityState,
  passphraseSecureErase,
  securitySend,
  securityReceive,
  getSldQosControl,
  setSldQosControl,
  getSldQosStatus,
  getDcConfig,
  getDcExtentList,
  addDcResponse,
  releaseDc,
] as const;
