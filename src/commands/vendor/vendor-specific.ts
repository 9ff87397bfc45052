/**
 * Vendor-specific commands (CXL r3.1 §8.2.9: opcodes C000h-FFFFh). They have no layout of their
 * own: the caller gives the opcode and the raw payloads.
 */
import { CxlmiUsageError } from '../../errors.js';

export const VENDOR_OPCODE_FIRST = 0xc000;
export const VENDOR_OPCODE_LAST = 0xffff;

/** Throws unless `opcode` is in the vendor-specific range (libcxlmi refuses the rest too). */
export function checkVendorOpcode(opcode: number): number {
  if (!Number.isInteger(opcode) || opcode < VENDOR_OPCODE_FIRST || opcode > VENDOR_OPCODE_LAST) {
    throw new CxlmiUsageError(
      `vendor-specific opcodes are C000h-FFFFh, got ${Number.isInteger(opcode) ? `${opcode.toString(16)}h` : String(opcode)}`,
    );
  }
  return opcode;
}
