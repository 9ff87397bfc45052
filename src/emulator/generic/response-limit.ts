/**
 * Response Message Limit (CXL r3.1 §8.2.9.1.3-8.2.9.1.4): the largest response payload the
 * device may produce, 2^n bytes. Variable-size responses are cut to fit it.
 */

import { getResponseMsgLimit, setResponseMsgLimit } from '../../commands/generic/info-status.js';
import { CxlmiUsageError } from '../../errors.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';

/** The spec's smallest limit: 256 bytes. */
export const MIN_RESPONSE_LIMIT_LOG2 = 8;

export class ResponseLimit {
  readonly maxLog2: number;
  #log2: number;

  constructor(maxLog2: number) {
    if (!Number.isInteger(maxLog2) || maxLog2 < MIN_RESPONSE_LIMIT_LOG2 || maxLog2 > 20) {
      throw new CxlmiUsageError('the response message limit is 2^8 to 2^20 bytes');
    }
    this.maxLog2 = maxLog2;
    this.#log2 = maxLog2;
  }

  get log2(): number {
    return this.#log2;
  }

  /** The limit in bytes. */
  get bytes(): number {
    return 2 ** this.#log2;
  }

  /** Sets the limit; a request above what the device supports is granted at the device's maximum. */
  set(log2: number): number {
    if (log2 < MIN_RESPONSE_LIMIT_LOG2) throw new DeviceReturn(CXLMI_RET_INPUT);
    this.#log2 = Math.min(log2, this.maxLog2);
    return this.#log2;
  }
}

export function registerResponseLimit(device: EmulatedDevice, limit: ResponseLimit): void {
  device.handle(getResponseMsgLimit, () => ({ limit: limit.log2 }));
  device.handle(setResponseMsgLimit, (req) => ({ limit: limit.set(req.limit) }));
}
