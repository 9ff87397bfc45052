/**
 * Emulator side of Timestamp (0x03): the device keeps the time it was last set to and advances
 * it with its own clock; before the first Set Timestamp it reports 0 (CXL r3.1 §8.2.9.4.1).
 */
import { getTimestamp, setTimestamp } from '../../commands/generic/timestamp.js';
import type { EmulatedDevice } from '../device.js';

export class TimestampState {
  #base: bigint | undefined;
  #setAt = 0;
  readonly #clock: () => number;

  constructor(clock: () => number) {
    this.#clock = clock;
  }

  get(): bigint {
    if (this.#base === undefined) return 0n;
    const elapsedNs = BigInt(Math.floor((this.#clock() - this.#setAt) * 1e6));
    return BigInt.asUintN(64, this.#base + elapsedNs);
  }

  set(ns: bigint): void {
    this.#base = ns;
    this.#setAt = this.#clock();
  }
}

export function registerTimestamp(device: EmulatedDevice, state: TimestampState): void {
  device.handle(getTimestamp, () => ({ timestamp: state.get() }));
  device.handle(setTimestamp, (req) => {
    state.set(req.timestamp);
  });
}
