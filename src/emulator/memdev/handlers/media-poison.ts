/** Emulator side of Media and Poison Management (43h). */
import {
  clearPoison,
  getPoisonList,
  getScanMediaCapabilities,
  getScanMediaResults,
  injectPoison,
  scanMedia,
} from '../../../commands/memdev/media-poison.js';
import type { EmulatedDevice } from '../../device.js';
import {
  EventSeverity,
  GENERAL_MEDIA_EVENT_UUID,
  generalMediaEventBody,
  TRANSACTION_HOST_SCAN_MEDIA,
} from '../event-records.js';
import type { MemdevState } from '../memdev-state.js';
import { requireIdle } from './idle.js';

/** Fixed parts of Get Poison List / Get Scan Media Results output, and one record. */
const LIST_HEADER = 32;
const RECORD = 16;

export function registerMediaPoison(
  device: EmulatedDevice,
  s: MemdevState,
  payloadLimit: () => number,
): void {
  const maxRecords = () => Math.max(1, Math.floor((payloadLimit() - LIST_HEADER) / RECORD));

  device.handle(getPoisonList, (req) => {
    s.requireMedia();
    const page = s.poison.getList(
      req.get_poison_list_phy_addr,
      req.get_poison_list_phy_addr_len,
      maxRecords(),
    );
    return {
      poison_list_flags: page.flags,
      overflow_timestamp: page.overflowTimestamp,
      more_err_media_record_cnt: page.records.length,
      records: page.records.map((r) => ({ media_err_addr: r.addr, media_err_len: r.lines })),
    };
  });

  device.handle(injectPoison, (req) => {
    s.requireMedia();
    s.poison.inject(req.inject_poison_phy_addr);
  });

  device.handle(clearPoison, (req) => {
    s.requireMedia();
    s.requireUnlocked();
    const dpa = req.clear_poison_phy_addr;
    s.poison.clear(dpa);
    s.media.write(dpa, req.clear_poison_write_data);
  });

  device.handle(getScanMediaCapabilities, (req) => ({
    estimated_scan_media_time: s.poison.estimateScan(
      req.get_scan_media_capabilities_start_physaddr,
      req.get_scan_media_capabilities_physaddr_length,
    ),
  }));

  device.handle(scanMedia, (req, ctx) => {
    s.requireMedia();
    const ms = s.poison.estimateScan(req.scan_media_physaddr, req.scan_media_physaddr_length);
    requireIdle(device);
    s.poison.startScan(req.scan_media_physaddr, req.scan_media_physaddr_length);
    const events = !req.scan_media_flags_bits.no_event_log;
    return ctx.startBackground({
      durationMs: ms,
      complete: () => {
        const found = s.poison.finishScan();
        // Unless asked not to, each error found goes to the failure log as a General Media event.
        if (events) {
          for (const e of found) {
            device.raiseEvent({
              log: EventSeverity.FAILURE,
              uuid: GENERAL_MEDIA_EVENT_UUID,
              flags: EventSeverity.FAILURE,
              body: generalMediaEventBody(
                e.dpa,
                e.dpa < s.partition.activeVolatile,
                TRANSACTION_HOST_SCAN_MEDIA,
              ),
            });
          }
        }
      },
      aborted: () => {
        s.poison.finishScan(true);
      },
    });
  });

  device.handle(getScanMediaResults, () => {
    const r = s.poison.takeScanResults(maxRecords());
    return {
      scan_media_restart_physaddr: r.restart,
      scan_media_restart_physaddr_length: r.restartLength,
      scan_media_flags: r.flags,
      media_error_count: r.records.length,
      record: r.records.map((e) => ({ media_error_address: e.addr, media_error_length: e.lines })),
    };
  });
}
