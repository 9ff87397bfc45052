/**
 * Emulator side of Firmware Update (CXL r3.1 §8.2.9.3). Parts of a package are accepted at once;
 * verifying and storing a complete package, and activating it online, run as background
 * operations that Request Abort Background Operation can stop.
 */
import { activateFw, getFwInfo, transferFw } from '../../commands/generic/firmware.js';
import { CXLMI_RET_BUSY } from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';
import type { DeviceLogs } from './device-logs.js';
import type { FirmwareState } from './firmware-state.js';

export interface FirmwareTiming {
  /** Time to verify and store a complete package, per MiB (plus a fixed 100 ms). */
  verifyMsPerMiB?: number;
  /** Time an online activation takes. */
  activateMs?: number;
}

export function registerFirmware(
  device: EmulatedDevice,
  fw: FirmwareState,
  logs: DeviceLogs,
  timing: FirmwareTiming = {},
): void {
  const perMiB = timing.verifyMsPerMiB ?? 400;
  const activateMs = timing.activateMs ?? 300;

  device.handle(getFwInfo, () => {
    const rev = (n: number) => fw.slots[n]?.revision ?? '';
    return {
      slots_supported: fw.slotCount,
      slot_info: (fw.activeSlot & 7) | ((fw.stagedSlot & 7) << 3),
      caps: fw.onlineActivation ? 1 : 0,
      fw_rev1: rev(0),
      fw_rev2: rev(1),
      fw_rev3: rev(2),
      fw_rev4: rev(3),
    };
  });

  device.handle(transferFw, (req, ctx) => {
    busyCheck(device);
    const image = fw.accept(req.action, req.slot, req.offset, req.data, device.clock());
    if (!image) return undefined;
    const slot = req.slot;
    return ctx.startBackground({
      durationMs: 100 + Math.ceil((image.length / (1 << 20)) * perMiB),
      complete: () => {
        fw.store(slot, image);
        logs.debug(`fw: stored ${image.length} bytes in slot ${slot}`);
      },
      aborted: () => logs.debug(`fw: transfer to slot ${slot} aborted`),
    });
  });

  device.handle(activateFw, (req, ctx) => {
    busyCheck(device);
    fw.checkActivate(req.action, req.slot);
    const slot = req.slot;
    if (req.action === 1) {
      fw.stage(slot);
      logs.debug(`fw: slot ${slot} staged for activation on reset`);
      return undefined;
    }
    return ctx.startBackground({
      durationMs: activateMs,
      complete: () => {
        fw.activate(slot);
        logs.debug(`fw: slot ${slot} activated`);
      },
    });
  });
}

/** A background-capable command while a background operation runs: Busy (r3.1 §8.2.8.4.6). */
export function busyCheck(device: EmulatedDevice): void {
  if (device.background.running) throw new DeviceReturn(CXLMI_RET_BUSY);
}
