/** Thrown by an emulator command handler to answer with a return code other than Success. */
export class DeviceReturn extends Error {
  readonly code: number;
  readonly vendorStatus: number;
  constructor(code: number, reason = '', vendorStatus = 0) {
    super(reason || `return code ${code}`);
    this.code = code;
    this.vendorStatus = vendorStatus;
  }
}
