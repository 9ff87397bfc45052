/**
 * An event record a device model raises (a threshold crossed, capacity offered, …). The model
 * gives the record-specific part; the event log that receives it assigns the handle and the
 * timestamp and fills the common header (CXL r3.1 §8.2.9.2.1, Table 8-43).
 */
export interface DeviceEvent {
  /** Event log: 0 informational, 1 warning, 2 failure, 3 fatal, 4 dynamic capacity. */
  log: number;
  /** Event record identifier (UUID string), e.g. the Memory Module Event Record's. */
  uuid: string;
  /** Common Event Record Flags (24 bits; bits 1:0 severity). */
  flags: number;
  /** The 80 record-specific bytes that follow the common header. */
  body: Uint8Array;
}

export type DeviceEventListener = (event: DeviceEvent) => void;
