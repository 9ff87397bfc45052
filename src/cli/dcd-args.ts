/** Command-line forms for the dynamic capacity subcommands: extent lists, tags, host ids. */
import { CxlmiUsageError } from '../errors.js';
import { uuidBytes } from '../protocol/layout/index.js';
import { parseNumber } from './hex.js';
import { parseSize } from './size.js';

export interface ExtentArg {
  start_dpa: bigint;
  len: bigint;
}

/** "0x40000000:128M,0x48000000:2M" → extents (start DPA and length in bytes). */
export function parseExtents(what: string, text: string): ExtentArg[] {
  const list = text.split(',').map((entry, i) => {
    const parts = entry.split(':');
    if (parts.length !== 2)
      throw new CxlmiUsageError(
        `${what}: extent ${i} must be START:LENGTH (e.g. 0x40000000:128M), got '${entry}'`,
      );
    const len = parseSize(`${what}: extent ${i} length`, parts[1]);
    if (len === 0n) throw new CxlmiUsageError(`${what}: extent ${i} has length 0`);
    return { start_dpa: parseSize(`${what}: extent ${i} start`, parts[0]), len };
  });
  if (list.length > 0xffff) throw new CxlmiUsageError(`${what}: too many extents`);
  return list;
}

/** A 16-byte extent tag from its UUID form; no tag (all zero) when not given. */
export function parseTag(text: string | undefined): Uint8Array {
  if (text === undefined) return new Uint8Array(16);
  try {
    return uuidBytes(text.toLowerCase());
  } catch {
    throw new CxlmiUsageError(`a tag is a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got '${text}'`);
  }
}

/** --host N: a host (head) id of the DCD, 0 by default. */
export const hostId = (v: unknown): number => parseNumber('--host', String(v ?? '0'), 0xffff);
