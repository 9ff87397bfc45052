import {
  dcAddReference,
  dcListTags,
  dcRemoveReference,
  getDcdInfo,
  getDcRegConfig,
  getDcRegionExtList,
  initiateDcAdd,
  initiateDcRelease,
  setDcRegionConfig,
} from './dcd-management.js';
import { getHeadInfo, getMultiheadedInfo } from './mhd.js';
import {
  getLdAllocations,
  getLdInfo,
  getQosAllocatedBw,
  getQosBwLimit,
  getQosControl,
  getQosStatus,
  setLdAllocations,
  setQosAllocatedBw,
  setQosBwLimit,
  setQosControl,
} from './mld-components.js';
import { sendLdCxlioConfigRequest, sendLdCxlioMemRequest, tunnelManagementCommand } from './mld-port.js';
import {
  getDomainValidationSv,
  getDomainValidationSvState,
  getPhysPortState,
  getVcsDomainValidationSvState,
  identifySwDevice,
  physPortControl,
  sendPpbCxlioConfigRequest,
  setDomainValidationSv,
} from './physical-switch.js';
import { bindVppb, getVcsInfo, unbindVppb } from './virtual-switch.js';

export * from './dcd-management.js';
export * from './mhd.js';
export * from './mld-components.js';
export * from './mld-port.js';
export * from './physical-switch.js';
export * from './virtual-switch.js';

/** FM-API commands (CXL r3.2 §7.6.7, command sets 51h–56h): MCTP message type 0x07. */
export const fmapiCommands = [
  identifySwDevice,
  getPhysPortState,
  physPortControl,
  sendPpbCxlioConfigRequest,
  getDomainValidationSvState,
  setDomainValidationSv,
  getVcsDomainValidationSvState,
  getDomainValidationSv,
  getVcsInfo,
  bindVppb,
  unbindVppb,
  tunnelManagementCommand,
  sendLdCxlioConfigRequest,
  sendLdCxlioMemRequest,
  getLdInfo,
  getLdAllocations,
  setLdAllocations,
  getQosControl,
  setQosControl,
  getQosStatus,
  getQosAllocatedBw,
  setQosAllocatedBw,
  getQosBwLimit,
  setQosBwLimit,
  getMultiheadedInfo,
  getHeadInfo,
  getDcdInfo,
  getDcRegConfig,
  setDcRegionConfig,
  getDcRegionExtList,
  initiateDcAdd,
  initiateDcRelease,
  dcAddReference,
  dcRemoveReference,
  dcListTags,
] as const;
