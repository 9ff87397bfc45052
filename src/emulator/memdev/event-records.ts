/**
 * Bodies of the event records the memory device raises: the 80 bytes after the 48-byte common
 * event record header (CXL r3.1 8.2.9.2.1, Table 8-43).
 *   Memory Module Event Record — CXL r3.1 Table 8-47
 *   Dynamic Capacity Event Record — CXL r3.1 Table 8-50 (extent layout Table 8-51)
 */
import type { DeviceEventListener } from '../device-event.js';

export const MEMORY_MODULE_EVENT_UUID = 'fe927475-dd59-4339-a586-79bab113b774';
export const DYNAMIC_CAPACITY_EVENT_UUID = 'ca95afa7-f183-4018-8c2f-95268e101a2a';
export const GENERAL_MEDIA_EVENT_UUID = 'fbcd0a77-c260-417f-85a9-088b1621eba6';

/** General Media Event Record: Transaction Type "Host Scan Media" (CXL r3.1 §8.2.9.2.1.1). */
export const TRANSACTION_HOST_SCAN_MEDIA = 0x03;

/** Memory Module Event Type (Table 8-47 byte 0x30). */
export const MemoryModuleEventType = {
  HEALTH_STATUS_CHANGE: 0x00,
  MEDIA_STATUS_CHANGE: 0x01,
  LIFE_USED_CHANGE: 0x02,
  TEMPERATURE_CHANGE: 0x03,
  DATA_PATH_ERROR: 0x04,
  LSA_ERROR: 0x05,
} as const;

/** Dynamic Capacity Event Type (Table 8-50 byte 0x30). */
export const DcEventType = {
  ADD_CAPACITY: 0x00,
  RELEASE_CAPACITY: 0x01,
  FORCED_CAPACITY_RELEASE: 0x02,
  REGION_CONFIGURATION_UPDATED: 0x03,
  ADD_CAPACITY_RESPONSE: 0x04,
  CAPACITY_RELEASED: 0x05,
} as const;

/** Common Event Record Flags bits 1:0 (Table 8-43). */
export const EventSeverity = { INFORMATIONAL: 0, WARNING: 1, FAILURE: 2, FATAL: 3 } as const;

/** Where a model's events go: the device's `raiseEvent`. */
export type EventSink = DeviceEventListener;

export interface HealthSnapshot {
  health_status: number;
  media_status: number;
  additional_status: number;
  life_used: number;
  device_temperature: number;
  dirty_shutdown_count: number;
  corrected_volatile_error_count: number;
  corrected_persistent_error_count: number;
}

/** Writes the 18-byte Get Health Info payload (Table 8-133) at `off`. */
export function writeHealthInfo(view: DataView, off: number, h: HealthSnapshot): void {
  view.setUint8(off, h.health_status);
  view.setUint8(off + 1, h.media_status);
  view.setUint8(off + 2, h.additional_status);
  view.setUint8(off + 3, h.life_used);
  view.setInt16(off + 4, h.device_temperature, true);
  view.setUint32(off + 6, h.dirty_shutdown_count, true);
  view.setUint32(off + 10, h.corrected_volatile_error_count, true);
  view.setUint32(off + 14, h.corrected_persistent_error_count, true);
}

export function memoryModuleEventBody(type: number, h: HealthSnapshot): Uint8Array {
  const body = new Uint8Array(80);
  const view = new DataView(body.buffer);
  view.setUint8(0, type);
  writeHealthInfo(view, 1, h);
  // validity flags (2), component id (16), sub type (1): zero = not valid / not specified.
  return body;
}

/**
 * General Media Event Record body for an uncorrectable media (ECC) error found at `dpa`:
 * physical address (bit 0: volatile), descriptor (bit 0 uncorrectable), memory event type 00h
 * (media ECC error), transaction type, validity flags 0 (no channel / rank / device given).
 */
export function generalMediaEventBody(dpa: bigint, volatile: boolean, transaction: number): Uint8Array {
  const body = new Uint8Array(80);
  const view = new DataView(body.buffer);
  view.setBigUint64(0, (dpa & ~0x3fn) | (volatile ? 1n : 0n), true);
  view.setUint8(8, 0x01);
  view.setUint8(9, 0x00);
  view.setUint8(10, transaction);
  return body;
}

export interface DcExtentRecord {
  start_dpa: bigint;
  len: bigint;
  tag: Uint8Array;
  shared_seq: number;
}

/** Dynamic Capacity Event Record body; `more` sets Flags bit 0 (more records in this group). */
export function dcEventBody(
  type: number,
  regionId: number,
  extent: DcExtentRecord | null,
  more: boolean,
  extentsAvailable: number,
  tagsAvailable: number,
): Uint8Array {
  const body = new Uint8Array(80);
  const view = new DataView(body.buffer);
  view.setUint8(0, type);
  view.setUint8(1, 0); // validity flags
  view.setUint16(2, 0, true); // host id
  view.setUint8(4, regionId);
  view.setUint8(5, more ? 1 : 0);
  if (extent) {
    view.setBigUint64(8, extent.start_dpa, true);
    view.setBigUint64(16, extent.len, true);
    body.set(extent.tag.subarray(0, 16), 24);
    view.setUint16(40, extent.shared_seq, true);
  }
  view.setUint32(72, extentsAvailable, true);
  view.setUint32(76, tagsAvailable, true);
  return body;
}
