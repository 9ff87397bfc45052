/** An emulated CXL Type 3 memory device. */
import { CXLMI_COMPONENT_TYPE_TYPE3 } from '../protocol/constants.js';
import { type DeviceOptions, EmulatedDevice } from './device.js';
import { type GenericOptions, type GenericState, registerGeneric } from './generic/generic.js';
import { type Identity, registerInfoStatus } from './generic/info-status.js';
import { registerTimestamp, TimestampState } from './generic/timestamp.js';

export interface Type3Options extends DeviceOptions {
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

export class Type3Device extends EmulatedDevice {
  readonly options: Required<Omit<Type3Options, 'clock'>>;
  readonly timestamp: TimestampState;
  /** State behind the Generic Component commands (events, firmware, logs, features, …). */
  readonly generic: GenericState;

  constructor(opts: Type3Options = {}) {
    super(opts);
    const { clock: _clock, ...rest } = opts;
    this.options = { ...TYPE3_DEFAULTS, generic: {}, ...rest };
    this.timestamp = new TimestampState(this.clock);
    registerInfoStatus(this, () => this.identity());
    registerTimestamp(this, this.timestamp);
    this.generic = registerGeneric(this, {
      maxResponseLog2: Math.min(this.options.maxMessageSizeLog2, 20),
      ...this.options.generic,
      now: () => this.timestamp.get(),
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
