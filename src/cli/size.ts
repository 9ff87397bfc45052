/** Sizes and addresses on the command line: `1G`, `256M`, `4096`, `0x10000000`. */
import { CxlmiUsageError } from '../errors.js';

const UNITS: Record<string, bigint> = { '': 1n, K: 1n << 10n, M: 1n << 20n, G: 1n << 30n, T: 1n << 40n };

/** "256M" → 268435456n; K/M/G/T are powers of 1024 (an optional "iB"/"B" after them is accepted). */
export function parseSize(what: string, text: string): bigint {
  const hexm = /^0x([0-9a-f]+)$/i.exec(text);
  const m = hexm ? undefined : /^(\d+)\s*([KMGT]?)(i?B)?$/i.exec(text);
  if (!hexm && !m)
    throw new CxlmiUsageError(`${what} must be a size such as 4096, 0x1000, 256M or 1G; got '${text}'`);
  const v = hexm ? BigInt(`0x${hexm[1]}`) : BigInt(m![1]) * UNITS[m![2].toUpperCase()];
  // Hex and decimal alike: a value past 64 bits is refused, never cut to its low bits.
  if (v > 0xffffffffffffffffn)
    throw new CxlmiUsageError(`${what} '${text}' is out of range: CXL addresses and sizes are 64 bits`);
  return v;
}

/** A size that must be a whole multiple of `unit` (a 256 MiB capacity, a 64-byte line). */
export function parseMultiple(what: string, text: string, unit: bigint, unitName: string): bigint {
  const v = parseSize(what, text);
  if (v % unit !== 0n) throw new CxlmiUsageError(`${what} must be a multiple of ${unitName}; got '${text}'`);
  return v;
}
