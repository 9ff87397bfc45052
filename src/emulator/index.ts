/** `cxlmi/emulator`: in-process CXL devices that answer real CCI messages. */
export { type BackgroundJob, BackgroundOperations, type BackgroundStatus } from './background.js';
export {
  type BackgroundStarted,
  type DeviceOptions,
  EmulatedDevice,
  type Handler,
  type HandlerContext,
} from './device.js';
export type { DeviceEvent, DeviceEventListener } from './device-event.js';
export { DeviceReturn } from './device-return.js';
export { type Fault, FaultPlan, type FaultRule } from './faults.js';
export { TimestampState } from './generic/timestamp.js';
export { EmulatorLink, type EmulatorLinkOptions, emulatorTransport } from './link.js';
export { defaultTopology, type EmulatedEndpointSpec } from './topology.js';
export { TYPE3_DEFAULTS, Type3Device, type Type3Options } from './type3.js';
