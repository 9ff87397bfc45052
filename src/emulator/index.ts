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
export * from './fabric/index.js';
export { type Fault, FaultPlan, type FaultRule } from './faults.js';
export { TimestampState } from './generic/timestamp.js';
export { EmulatorLink, type EmulatorLinkOptions, emulatorTransport } from './link.js';
export {
  answerControl,
  MCTP_TYPE_CONTROL,
  MctpCompletion,
  MctpControlCommand,
} from './mctp/control.js';
export {
  decodePacketHeader,
  MCTP_BASELINE_UNIT,
  MCTP_HEADER_SIZE,
  type MctpMessage,
  type MctpPacketHeader,
  packetise,
  Reassembler,
} from './mctp/packet.js';
export { type MctpSerialFault, type MctpSerialFaultRule, MctpSerialFaults } from './mctp/serial-faults.js';
export { encodeSerialFrame, fcs16, SerialFrameDecoder } from './mctp/serial-framing.js';
export {
  type ByteSink,
  type MctpSerialEndpoint,
  MctpSerialLink,
  MctpSerialPeer,
  type MctpSerialPeerOptions,
  type MctpSerialStats,
} from './mctp/serial-peer.js';
export { type MctpSerialServer, type ServeMctpSerialOptions, serveMctpSerial } from './mctp/serve.js';
export type { DcRegionConfig, MemdevOptions } from './memdev/config.js';
export {
  DcEventType,
  DYNAMIC_CAPACITY_EVENT_UUID,
  MEMORY_MODULE_EVENT_UUID,
  MemoryModuleEventType,
} from './memdev/event-records.js';
export { MemdevState } from './memdev/memdev-state.js';
export { type DramLocation, dpaOf, locate } from './memdev/ras/dram-geometry.js';
export { ecsFeature, pprFeature, rasFeatures, sparingFeature } from './memdev/ras/ras-features.js';
export {
  DEFAULT_RESOURCES,
  type DramErrorInjection,
  RasState,
  type RepairKind,
} from './memdev/ras/ras-state.js';
export {
  type JournalEntry,
  Lab,
  type LabStateFile,
  type LabTopology,
  STATE_FORMAT,
  STATE_VERSION,
} from './service/lab.js';
export {
  type EmulatorService,
  type ServedCommand,
  type ServeEmulatorOptions,
  serveEmulator,
} from './service/serve.js';
export { defaultTopology, type EmulatedEndpointSpec } from './topology.js';
export { TYPE3_DEFAULTS, Type3Device, type Type3Options } from './type3.js';
