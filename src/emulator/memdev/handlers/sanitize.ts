/**
 * Emulator side of Sanitize and Media Operations (44h). Sanitize and the media operations on DPA
 * ranges run as background operations whose length grows with the capacity; Secure Erase is
 * immediate.
 */
import {
  CXLMI_MEDIA_OP_CLASS_GENERAL,
  CXLMI_MEDIA_OP_CLASS_SANITIZE,
  CXLMI_MEDIA_OP_GENERAL_DISCOVERY,
  CXLMI_MEDIA_OP_SANITIZE_SANITIZE,
  CXLMI_MEDIA_OP_SANITIZE_ZERO,
  mediaOperationsDiscovery,
  mediaOperationsSanitizeReq,
  sanitize,
  secureErase,
} from '../../../commands/memdev/sanitize.js';
import { CXLMI_RET_INPUT, CXLMI_RET_SECURITY, CXLMI_RET_UNSUPPORTED } from '../../../protocol/retcodes.js';
import type { EmulatedDevice } from '../../device.js';
import { DeviceReturn } from '../../device-return.js';
import { CACHELINE } from '../config.js';
import type { MemdevState } from '../memdev-state.js';
import { requireIdle } from './idle.js';

/** Emulated media speed: 1 ms per 64 MiB overwritten, at least 10 ms. */
export function overwriteMs(bytes: bigint): number {
  const ms = Number(bytes / (64n * 1024n * 1024n));
  return Math.max(10, ms);
}

/** The operations Discovery reports, after the Discovery operation itself. */
const SUPPORTED = [
  { media_op_class: CXLMI_MEDIA_OP_CLASS_SANITIZE, media_op_subclass: CXLMI_MEDIA_OP_SANITIZE_SANITIZE },
  { media_op_class: CXLMI_MEDIA_OP_CLASS_SANITIZE, media_op_subclass: CXLMI_MEDIA_OP_SANITIZE_ZERO },
];

export function registerSanitize(device: EmulatedDevice, s: MemdevState, payloadLimit: () => number): void {
  device.handle(sanitize, (_req, ctx) => {
    requireIdle(device);
    // No media check: after a failed or aborted sanitize only a new one re-enables the media.
    // Any security on user data must be disabled first.
    if (s.security.userPassphraseSet) throw new DeviceReturn(CXLMI_RET_SECURITY);
    s.mediaDisabled = true;
    return ctx.startBackground({
      durationMs: overwriteMs(s.partition.staticCapacity),
      complete: () => {
        s.sanitizeAll();
        s.mediaDisabled = false;
      },
      // An interrupted sanitize leaves the media disabled until one completes.
      aborted: () => undefined,
    });
  });

  // Secure Erase is not a background command (its effects are 0024h): the media encryption keys
  // change before the response, so the user data is gone at once.
  device.handle(secureErase, () => {
    requireIdle(device);
    s.requireMedia();
    s.requireUnlocked();
    s.eraseUserData();
  });

  const maxOps = () => Math.max(0, Math.floor((payloadLimit() - 12) / 2));
  device.handle(mediaOperationsDiscovery, (req, ctx) => {
    if (req.media_operation_class === CXLMI_MEDIA_OP_CLASS_GENERAL) {
      if (req.media_operation_subclass !== CXLMI_MEDIA_OP_GENERAL_DISCOVERY)
        throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
      const start = req.discovery_osa.start_index;
      if (req.dpa_range_count !== 0 || start >= SUPPORTED.length) throw new DeviceReturn(CXLMI_RET_INPUT);
      const entry = SUPPORTED.slice(start, start + Math.min(req.discovery_osa.num_ops, maxOps()));
      return {
        dpa_range_granularity: CACHELINE,
        total_supported_ops: SUPPORTED.length,
        num_supported_ops: entry.length,
        entry,
      };
    }
    if (req.media_operation_class !== CXLMI_MEDIA_OP_CLASS_SANITIZE)
      throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
    const sub = req.media_operation_subclass;
    if (sub !== CXLMI_MEDIA_OP_SANITIZE_SANITIZE && sub !== CXLMI_MEDIA_OP_SANITIZE_ZERO) {
      throw new DeviceReturn(CXLMI_RET_UNSUPPORTED);
    }
    // Sanitize / Zero share the opcode: re-read the payload with its own layout.
    const op = mediaOperationsSanitizeReq.decode(ctx.payload, 'memdev_media_operations_sanitize');
    requireIdle(device);
    s.requireMedia();
    s.requireUnlocked();
    let total = 0n;
    for (const r of op.dpa_range_list) {
      const end = r.starting_dpa + r.length;
      if (
        r.length === 0n ||
        r.starting_dpa % CACHELINE !== 0n ||
        r.length % CACHELINE !== 0n ||
        end > s.dpaLimit
      ) {
        throw new DeviceReturn(CXLMI_RET_INPUT);
      }
      if (
        r.starting_dpa >= s.partition.staticCapacity &&
        !s.dc.isBacked({ start_dpa: r.starting_dpa, len: r.length })
      ) {
        throw new DeviceReturn(CXLMI_RET_INPUT);
      }
      total += r.length;
    }
    const ranges = op.dpa_range_list.map((r) => ({ start: r.starting_dpa, length: r.length }));
    return ctx.startBackground({
      durationMs: overwriteMs(total),
      complete: () => {
        for (const r of ranges) {
          s.media.erase(r.start, r.length);
          s.poison.eraseRange(r.start, r.length);
        }
      },
    });
  });
}
