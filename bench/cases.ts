/** The codec cases: response payloads written as devices send them. */
import type { CodecCase } from './codec.js';

export const codecCases: CodecCase[] = [
  {
    name: 'identify',
    command: 'identify',
    // CXL r3.1 Table 8-38: 18 bytes
    response: Uint8Array.from([0x36, 0x1b, 0x93, 0x0d, 0x36, 0x1b, 1, 0, 8, 7, 6, 5, 4, 3, 2, 1, 12, 3]),
  },
  {
    name: 'bg_op_status',
    command: 'bg_op_status',
    response: Uint8Array.from([0x65, 0, 0, 0x44, 0, 0, 0, 0]),
  },
  {
    name: 'set_timestamp',
    command: 'set_timestamp',
    request: { timestamp: 1_700_000_000_000_000_000n },
    response: new Uint8Array(0),
  },
];
