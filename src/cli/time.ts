/** CXL timestamps: nanoseconds since 1970-01-01 UTC (CXL r3.1 §8.2.9.4), to and from text. */
import { CxlmiUsageError } from '../errors.js';

const NS_PER_MS = 1_000_000n;

/** 1764092427123456789n → "2025-11-25T17:40:27.123456789Z". */
export function nsToIso(ns: bigint): string {
  const ms = ns / NS_PER_MS;
  if (ms > 8_640_000_000_000_000n) return `${ns} ns`;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return `${base}.${frac}Z`;
}

/**
 * `now`, an ISO date/time (its fraction of a second kept to the nanosecond; more than 9 digits is
 * refused, not rounded), or a whole number of nanoseconds → nanoseconds.
 */
export function parseTimestamp(text: string, now: () => number = Date.now): bigint {
  if (text === 'now') return BigInt(now()) * NS_PER_MS;
  if (/^\d+$/.test(text)) {
    const ns = BigInt(text);
    if (ns > 0xffffffffffffffffn) throw new CxlmiUsageError('timestamp does not fit in 64 bits');
    return ns;
  }
  // Only ISO-like dates: Date.parse alone accepts odd strings ("-5" is a year). The fraction of a
  // second is read here, to the nanosecond, since Date keeps only milliseconds.
  const m = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text,
  );
  const fraction = m?.[2] ?? '';
  if (m && fraction && !/[T ]\d{2}:\d{2}:\d{2}$/.test(m[1])) {
    throw new CxlmiUsageError(`cannot read '${text}' as a time: a fraction of a second needs the seconds`);
  }
  if (fraction.length > 9) {
    throw new CxlmiUsageError(
      `'${text}' has ${fraction.length} digits after the seconds: a CXL timestamp counts nanoseconds (9 at most)`,
    );
  }
  const ms = m ? Date.parse(`${m[1]}${m[3] ?? ''}`) : Number.NaN;
  if (Number.isNaN(ms) || ms < 0) {
    throw new CxlmiUsageError(
      `cannot read '${text}' as a time: use now, an ISO date (2025-01-31T12:00:00.123456789Z) or nanoseconds`,
    );
  }
  const ns = BigInt(ms) * NS_PER_MS + BigInt(fraction.padEnd(9, '0') || '0');
  if (ns > 0xffffffffffffffffn) throw new CxlmiUsageError('timestamp does not fit in 64 bits');
  return ns;
}
