/**
 * The device's background operation (CXL r3.1 §8.2.8.4.6): at most one at a time, progress
 * derived from the device clock, completion settled lazily when anything looks at the device —
 * so no timers are left behind.
 */
import {
  CXLMI_RET_ABORT,
  CXLMI_RET_BUSY,
  CXLMI_RET_NO_BGABORT,
  CXLMI_RET_SUCCESS,
} from '../protocol/retcodes.js';
import { DeviceReturn } from './device-return.js';

export interface BackgroundJob {
  /** Opcode of the command that started it. */
  opcode: number;
  /** How long it takes on the device clock. */
  durationMs: number;
  /** Runs once when the operation completes; may return a failure code. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a completion callback may simply return nothing
  complete?: () => number | undefined | void;
  /** Runs if it is aborted. */
  aborted?: () => void;
  /** Whether Request Background Operation Abort may stop it (default true). */
  abortable?: boolean;
}

export interface BackgroundStatus {
  inProgress: boolean;
  percent: number;
  opcode: number;
  retcode: number;
  vendorStatus: number;
}

export class BackgroundOperations {
  readonly #now: () => number;
  #job: (BackgroundJob & { start: number }) | undefined;
  #last: { opcode: number; retcode: number; vendorStatus: number; percent: number } = {
    opcode: 0,
    retcode: 0,
    vendorStatus: 0,
    percent: 0,
  };

  constructor(now: () => number) {
    this.#now = now;
  }

  get running(): boolean {
    this.settle();
    return this.#job !== undefined;
  }

  /** Starts a job; a device runs one background operation at a time. */
  start(job: BackgroundJob): void {
    this.settle();
    if (this.#job) throw new DeviceReturn(CXLMI_RET_BUSY, 'a background operation is already running');
    this.#job = { ...job, start: this.#now() };
  }

  /** Completes the job if its time has come. */
  settle(): void {
    const j = this.#job;
    if (!j || this.#now() - j.start < j.durationMs) return;
    this.#job = undefined;
    let retcode = CXLMI_RET_SUCCESS;
    try {
      retcode = j.complete?.() ?? CXLMI_RET_SUCCESS;
    } catch (e) {
      retcode = e instanceof DeviceReturn ? e.code : 4;
    }
    this.#last = { opcode: j.opcode, retcode, vendorStatus: 0, percent: 100 };
  }

  status(): BackgroundStatus {
    this.settle();
    const j = this.#job;
    if (j) {
      return { inProgress: true, percent: this.#percent(j), opcode: j.opcode, retcode: 0, vendorStatus: 0 };
    }
    return { inProgress: false, ...this.#last };
  }

  #percent(j: BackgroundJob & { start: number }): number {
    return j.durationMs <= 0 ? 99 : Math.min(99, Math.floor(((this.#now() - j.start) / j.durationMs) * 100));
  }

  /** Makes the running operation never finish (a fault mode: firmware that hangs). */
  stall(): void {
    if (this.#job) this.#job.durationMs = Number.POSITIVE_INFINITY;
  }

  /** Request Background Operation Abort. */
  abort(): void {
    this.settle();
    const j = this.#job;
    if (!j) return;
    if (j.abortable === false)
      throw new DeviceReturn(CXLMI_RET_NO_BGABORT, 'this operation cannot be aborted');
    // An interrupted operation reports how far it got, below 100 (CXL r3.1 §8.2.9.1.5).
    const percent = this.#percent(j);
    this.#job = undefined;
    j.aborted?.();
    this.#last = { opcode: j.opcode, retcode: CXLMI_RET_ABORT, vendorStatus: 0, percent };
  }
}
