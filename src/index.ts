/** cxlmi: the CXL Management Interface for Node.js. */

export * from './commands/index.js';
export type { DiscoveredEndpoint } from './discovery/index.js';
export type { BackgroundStarted } from './endpoint/background-started.js';
export { Context, type ContextOptions } from './endpoint/context.js';
export { Endpoint, type RawCallOptions } from './endpoint/endpoint.js';
export type { FabricPortState, FabricTopology, FabricVcs, FabricVppb } from './endpoint/fabric.js';
export { mapSettled, type Settled } from './endpoint/fleet.js';
export * from './endpoint/log.js';
export { type LsaTransferOptions, readLsa, writeLsa } from './endpoint/lsa.js';
export {
  type DramAddress,
  type MaintenanceOptions,
  type MaintenanceResult,
  type PprRequest,
  SPARING_FIELDS,
  type SparingRequest,
} from './endpoint/maintenance.js';
export type { CommandMethods, CommandRequest, CommandResult } from './endpoint/methods.js';
export { type CallOptions, DEFAULT_TIMEOUT_MS, type EndpointOptions } from './endpoint/options.js';
export {
  type Ecs,
  type EcsChange,
  type EcsCountMode,
  type PatrolScrub,
  type PatrolScrubChange,
  type Ppr,
  type PprChange,
  type PprKind,
  type SetOptions as RasSetOptions,
  SPARING_KINDS,
  type Sparing,
  type SparingChange,
  type SupportedFeatureEntry,
  supportedFeatures,
} from './endpoint/ras-features.js';
export {
  type ProposeOptions,
  proposeRepair,
  type RepairableRecord,
  type RepairProposal,
  type RunRepairOptions,
  runRepair,
} from './endpoint/repair-plan.js';
export * from './errors.js';
export * from './names.js';
export * from './protocol/constants.js';
export * from './protocol/header.js';
export type { Infer, InferIn } from './protocol/layout/index.js';
export * as layout from './protocol/layout/index.js';
export * from './protocol/retcodes.js';
export { type EmuOpenOptions, openEmuService } from './transport/emu/emu-link.js';
export type { EmuDeviceInfo } from './transport/emu/framing.js';
export {
  attachMctpSerial,
  MctpNetlink,
  type MctpSerialAttachment,
  type RouteOptions as MctpRouteOptions,
  setupMctpLink,
} from './transport/mctp/index.js';
export {
  isResponseTo,
  type LinkExchange,
  type MessageLink,
  MessageTransport,
  parseResponse,
} from './transport/message-link.js';
export type { CciRequest, CciResponse, ExchangeOptions, Transport } from './transport/transport.js';
export * from './transport/tunnel-info.js';
