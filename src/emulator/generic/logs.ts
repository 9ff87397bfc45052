/**
 * Emulator side of the Logs command set (CXL r3.1 §8.2.9.5). Output is cut to the response
 * message limit; Populate Log of the Component State Dump Log runs in the background.
 */
import {
  clearLog,
  getLog,
  getLogCapabilities,
  getSupportedLogs,
  getSupportedLogsSublist,
  populateLog,
} from '../../commands/generic/logs.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';
import type { DeviceLogs } from './device-logs.js';
import { busyCheck } from './firmware.js';
import type { ResponseLimit } from './response-limit.js';

/** Supported Log Entry size (Table 8-71) and the list headers (Tables 8-70 / 8-94). */
const LOG_ENTRY = 20;
const LIST_HEADER = 8;

export interface LogTiming {
  /** Time Populate Log takes. */
  populateMs?: number;
}

export function registerLogs(
  device: EmulatedDevice,
  logs: DeviceLogs,
  limit: ResponseLimit,
  timing: LogTiming = {},
): void {
  const populateMs = timing.populateMs ?? 500;
  const fit = () => Math.floor((limit.bytes - LIST_HEADER) / LOG_ENTRY);

  device.handle(getSupportedLogs, () => {
    const entries = logs.list().slice(0, fit());
    return { num_supported_log_entries: entries.length, entries };
  });

  device.handle(getLog, (req) => {
    if (req.length > limit.bytes) throw new DeviceReturn(CXLMI_RET_INPUT);
    return { data: logs.read(req.uuid, req.offset, req.length) };
  });

  device.handle(getLogCapabilities, (req) => ({ parameter_flags: logs.capabilities(req.uuid) }));

  device.handle(clearLog, (req) => {
    logs.clear(req.uuid);
  });

  device.handle(populateLog, (req, ctx) => {
    logs.checkPopulate(req.uuid);
    busyCheck(device);
    const started = device.clock();
    return ctx.startBackground({
      durationMs: populateMs,
      complete: () => logs.setStateDump(stateDump(device, started)),
    });
  });

  device.handle(getSupportedLogsSublist, (req) => {
    if (req.max_supported_log_entries === 0) throw new DeviceReturn(CXLMI_RET_INPUT);
    const all = logs.list();
    if (req.start_log_entry_index > all.length) throw new DeviceReturn(CXLMI_RET_INPUT);
    const entries = all
      .slice(req.start_log_entry_index)
      .slice(0, Math.min(req.max_supported_log_entries, fit()));
    return {
      num_supported_log_entries: entries.length,
      total_num_supported_log_entries: all.length,
      start_log_entry_index: req.start_log_entry_index,
      entries,
    };
  });
}

/** A small, vendor-style state dump: text describing the device at population time. */
function stateDump(device: EmulatedDevice, at: number): Uint8Array {
  const lines = [
    'cxlmi emulator component state dump',
    `captured-at-ms: ${Math.round(at)}`,
    `commands: ${device.commands.map((c) => c.opcode.toString(16).padStart(4, '0')).join(' ')}`,
  ];
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}
