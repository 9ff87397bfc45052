/** An emulated CXL Type 3 memory device. */
import { CXLMI_COMPONENT_TYPE_TYPE3 } from '../protocol/constants.js';
import { type DeviceOptions, EmulatedDevice } from './device.js';
import { type GenericOptions, type GenericState, registerGeneric } from './generic/generic.js';
import { type Identity, registerInfoStatus } from './generic/info-status.js';
import { registerTimestamp, TimestampState } from './generic/timestamp.js';
import type { MemdevOptions } from './memdev/config.js';
import { registerMaintenance } from './memdev/handlers/maintenance.js';
import { MemdevState } from './memdev/memdev-state.js';
import { rasFeatures } from './memdev/ras/ras-features.js';
import { RasState } from './memdev/ras/ras-state.js';
import { registerMemdev } from './memdev/register.js';

/** Also the memory-device settings (capacities, LSA, poison list, passphrase limit, DC regions…). */
export interface Type3Options extends DeviceOptions, MemdevOptions {
  vendorId?: number;
  deviceId?: number;
  subsysVendorId?: number;
  subsysId?: number;
  serialNumber?: bigint;
  /** log2 of the largest message the device takes (CXL r3.1 Table 8-38; 8..20). */
  maxMessageSizeLog2?: number;
  /** Event logs, firmware slots, logs, features and response limit of the generic command set. */
  generic?: Omit<GenericOptions, 'now'>;
}

/** Defaults: Red Hat's virtual-device vendor id, as QEMU's emulated devices use. */
export const TYPE3_DEFAULTS = {
  vendorId: 0x1b36,
  deviceId: 0x0d93,
  subsysVendorId: 0x1b36,
  subsysId: 0x0001,
  serialNumber: 0x00c0ffee12345678n,
  maxMessageSizeLog2: 12,
} as const;

type IdentityOptions = Omit<Type3Options, 'clock' | 'maxRequestPayload' | keyof MemdevOptions>;

export class Type3Device extends EmulatedDevice {
  readonly options: Required<IdentityOptions>;
  readonly timestamp: TimestampState;
  /** State behind the Generic Component commands (events, firmware, logs, features, …). */
  readonly generic: GenericState;
  /** The memory-device state (partitions, LSA, health, poison, security, DC…). */
  readonly memdev: MemdevState;
  /** Memory RAS: repair resources, repairs done, ECS counters, DRAM error injection. */
  readonly ras: RasState;

  constructor(opts: Type3Options = {}) {
    super(opts);
    const { vendorId, deviceId, subsysVendorId, subsysId, serialNumber, maxMessageSizeLog2, generic } = opts;
    const given = { vendorId, deviceId, subsysVendorId, subsysId, serialNumber, maxMessageSizeLog2, generic };
    this.options = { ...TYPE3_DEFAULTS, generic: {} };
    for (const [k, v] of Object.entries(given)) if (v !== undefined) Object.assign(this.options, { [k]: v });
    // Requests are bounded by the Max Supported Message Size the device reports in Identify.
    if (opts.maxRequestPayload === undefined) this.maxRequestPayload = 2 ** this.options.maxMessageSizeLog2;
    this.timestamp = new TimestampState(this.clock);
    registerInfoStatus(this, () => this.identity());
    registerTimestamp(this, this.timestamp);
    // The eight memory RAS features unless the caller chose the features.
    const features = rasFeatures((fru) => this.ras?.resetEcsCounter(fru));
    this.generic = registerGeneric(this, {
      maxResponseLog2: Math.min(this.options.maxMessageSizeLog2, 20),
      features,
      ...this.options.generic,
      now: () => this.timestamp.get(),
    });
    // Events the memory-device model raises land in the generic event logs.
    this.onEvent((e) => this.generic.events.injectRaw(e.uuid, e.body, { log: e.log, flags: e.flags }));
    this.memdev = new MemdevState(opts, { now: () => this.timestamp.get(), emit: (e) => this.raiseEvent(e) });
    registerMemdev(this, this.memdev, () => this.generic.limit.bytes);
    this.ras = new RasState(
      this.generic.features,
      this.memdev.poison,
      this.generic.events,
      () => this.memdev.dpaLimit,
    );
    registerMaintenance(this, this.memdev, this.ras, this.generic.features);
    this.onReset(() => {
      this.memdev.reset();
      this.ras.reset();
    });
  }

  identity(): Identity {
    const o = this.options;
    return {
      vendor_id: o.vendorId,
      device_id: o.deviceId,
      subsys_vendor_id: o.subsysVendorId,
      subsys_id: o.subsysId,
      serial_num: o.serialNumber,
      max_msg_size: o.maxMessageSizeLog2,
      component_type: CXLMI_COMPONENT_TYPE_TYPE3,
    };
  }
}
