/**
 * The logs the emulated device offers (CXL r3.1 §8.2.9.5): the Command Effects Log, generated on
 * every read from the device's own command table, a Vendor Debug Log the device appends text to,
 * and a Component State Dump Log that Populate Log fills in the background.
 */
import {
  CEL_UUID,
  COMPONENT_STATE_DUMP_LOG_UUID,
  VENDOR_DEBUG_LOG_UUID,
} from '../../commands/generic/logs.js';
import { CXLMI_RET_INPUT, CXLMI_RET_LOG } from '../../protocol/retcodes.js';
import { DeviceReturn } from '../device-return.js';

/** Get Log Capabilities parameter flags (Table 8-90). */
export const LOG_CAP_CLEAR = 1 << 0;
export const LOG_CAP_POPULATE = 1 << 1;
export const LOG_CAP_AUTO_POPULATE = 1 << 2;
export const LOG_CAP_PERSISTENT = 1 << 3;

export interface CelSource {
  /** Opcode and command-effect mask of every command the device implements, by opcode. */
  celEntries(): readonly { opcode: number; effect: number }[];
}

interface LogEntry {
  readonly uuid: string;
  readonly caps: number;
  content(): Uint8Array;
  clear?(): void;
}

const encoder = new TextEncoder();

export class DeviceLogs {
  readonly #logs: LogEntry[];
  #debug: string[] = [];
  #dump: Uint8Array = new Uint8Array(0);

  constructor(cel: CelSource) {
    this.#logs = [
      { uuid: CEL_UUID, caps: 0, content: () => celBytes(cel.celEntries()) },
      {
        uuid: VENDOR_DEBUG_LOG_UUID,
        caps: LOG_CAP_CLEAR,
        content: () => encoder.encode(this.#debug.join('')),
        clear: () => {
          this.#debug = [];
        },
      },
      {
        uuid: COMPONENT_STATE_DUMP_LOG_UUID,
        caps: LOG_CAP_CLEAR | LOG_CAP_POPULATE,
        content: () => this.#dump,
        clear: () => {
          this.#dump = new Uint8Array(0);
        },
      },
    ];
  }

  /** Supported Log Entries, in a stable order. */
  list(): { uuid: string; log_size: number }[] {
    return this.#logs.map((l) => ({ uuid: l.uuid, log_size: l.content().length }));
  }

  #find(uuid: string): LogEntry {
    const log = this.#logs.find((l) => l.uuid === uuid);
    if (!log) throw new DeviceReturn(CXLMI_RET_LOG);
    return log;
  }

  capabilities(uuid: string): number {
    return this.#find(uuid).caps;
  }

  /** Get Log: [offset, offset + length) must lie inside the log. */
  read(uuid: string, offset: number, length: number): Uint8Array {
    const data = this.#find(uuid).content();
    if (offset + length > data.length) throw new DeviceReturn(CXLMI_RET_INPUT);
    // A view of the stored bytes: the response encoder copies them into the reply once.
    return data.subarray(offset, offset + length);
  }

  clear(uuid: string): void {
    const log = this.#find(uuid);
    if (!(log.caps & LOG_CAP_CLEAR) || !log.clear) throw new DeviceReturn(CXLMI_RET_INPUT);
    log.clear();
  }

  /** Validates Populate Log; the caller runs the population (possibly in the background). */
  checkPopulate(uuid: string): void {
    const log = this.#find(uuid);
    if (!(log.caps & LOG_CAP_POPULATE)) throw new DeviceReturn(CXLMI_RET_INPUT);
  }

  /** Appends a line to the Vendor Debug Log. */
  debug(line: string): void {
    this.#debug.push(`${line}\n`);
    if (this.#debug.length > 256) this.#debug.shift();
  }

  /** Replaces the Component State Dump Log contents. */
  setStateDump(data: Uint8Array): void {
    this.#dump = data;
  }
}

/** CEL Output Payload (Table 8-74): 4 bytes per command, opcode then effect, little-endian. */
export function celBytes(entries: readonly { opcode: number; effect: number }[]): Uint8Array {
  const out = new Uint8Array(entries.length * 4);
  const view = new DataView(out.buffer);
  entries.forEach((e, i) => {
    view.setUint16(i * 4, e.opcode, true);
    view.setUint16(i * 4 + 2, e.effect, true);
  });
  return out;
}
