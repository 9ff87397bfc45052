/** Hex text ↔ bytes for `raw` and friends. */
import { CxlmiUsageError } from '../errors.js';

/** "0x0102 ff:ee" → [1, 2, 0xff, 0xee]; spaces, colons, dashes and a 0x prefix are allowed. */
export function parseHex(text: string): Uint8Array {
  const clean = text.replace(/^0x/i, '').replace(/[\s:-]/g, '');
  if (!/^[0-9a-f]*$/i.test(clean) || clean.length % 2 !== 0) {
    throw new CxlmiUsageError(`'${text}' is not hex bytes (an even number of 0-9/a-f digits)`);
  }
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

/** A number written in decimal or 0x hex, bounded. */
export function parseNumber(what: string, text: string, max: number): number {
  const n = /^0x[0-9a-f]+$/i.test(text)
    ? Number.parseInt(text, 16)
    : /^\d+$/.test(text)
      ? Number(text)
      : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > max) {
    throw new CxlmiUsageError(`${what} must be a number from 0 to ${max} (decimal or 0x hex), got '${text}'`);
  }
  return n;
}

/** Classic 16-bytes-a-line dump: offset, hex bytes, printable ASCII. */
export function hexDump(b: Uint8Array, indent = ''): string {
  const lines: string[] = [];
  for (let off = 0; off < b.length; off += 16) {
    const row = b.subarray(off, off + 16);
    const hexPart = [...row].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
    lines.push(`${indent}${off.toString(16).padStart(6, '0')}  ${hexPart.padEnd(47)}  ${ascii}`);
  }
  return lines.join('\n');
}
