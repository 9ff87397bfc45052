/**
 * Everything a device needs to answer the Generic Component command set beyond Identify,
 * Background Operation Status and the timestamps: state per area, and the handlers over it.
 */
import type { EmulatedDevice } from '../device.js';
import { registerBackgroundAbort } from './background-abort.js';
import { DeviceLogs } from './device-logs.js';
import { EventState, type EventStateOptions, registerEvents } from './events.js';
import { type EmulatedFeature, FeatureStore } from './feature-store.js';
import { registerFeatures } from './features.js';
import { type FirmwareTiming, registerFirmware } from './firmware.js';
import { type FirmwareOptions, FirmwareState } from './firmware-state.js';
import { type LogTiming, registerLogs } from './logs.js';
import { patrolScrubFeature } from './patrol-scrub.js';
import { ResponseLimit, registerResponseLimit } from './response-limit.js';

export interface GenericOptions {
  /** log2 of the largest response payload the device produces (default 12: 4 KiB). */
  maxResponseLog2?: number;
  events?: EventStateOptions;
  firmware?: FirmwareOptions & FirmwareTiming;
  logs?: LogTiming;
  /** Features the device offers (default: Device Patrol Scrub Control). */
  features?: readonly EmulatedFeature[];
  /** The device's timestamp in ns, stamped on event records. */
  now?: () => bigint;
}

export class GenericState {
  readonly limit: ResponseLimit;
  readonly events: EventState;
  readonly firmware: FirmwareState;
  readonly logs: DeviceLogs;
  readonly features: FeatureStore;

  constructor(device: EmulatedDevice, opts: GenericOptions = {}) {
    this.limit = new ResponseLimit(opts.maxResponseLog2 ?? 12);
    this.events = new EventState(opts.now ?? (() => 0n), opts.events);
    this.firmware = new FirmwareState(opts.firmware);
    // The CEL lists what the device implements right now, with each command's declared effects.
    this.logs = new DeviceLogs({
      celEntries: () => device.commands.map((c) => ({ opcode: c.opcode, effect: c.effects ?? 0 })),
    });
    this.features = new FeatureStore(opts.features ?? [patrolScrubFeature()]);
  }
}

/** Creates the generic state for a device and registers every generic command handler on it. */
export function registerGeneric(device: EmulatedDevice, opts: GenericOptions = {}): GenericState {
  const state = new GenericState(device, opts);
  registerResponseLimit(device, state.limit);
  registerBackgroundAbort(device);
  registerEvents(device, state.events, state.limit);
  registerFirmware(device, state.firmware, state.logs, opts.firmware);
  registerLogs(device, state.logs, state.limit, opts.logs);
  registerFeatures(device, state.features, state.limit);
  device.onReset(() => state.firmware.reset());
  return state;
}
