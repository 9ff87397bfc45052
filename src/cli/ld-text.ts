/** Text for the MLD Components subcommands: allocation tables and per-LD bandwidth fractions. */
import { CxlmiUsageError } from '../errors.js';
import { humanBytes, table } from './output.js';

/** Memory Granularity of Get LD Allocations (CXL r3.1 Table 7-39): 256 MiB, 512 MiB, 1 GiB. */
export const GRANULARITY = [256n << 20n, 512n << 20n, 1n << 30n];

/** LD, range 1, range 2: multiples of the granularity shown as sizes when it is known. */
export function allocationTable(
  start: number,
  list: readonly { range_1_allocation_mult: bigint; range_2_allocation_mult: bigint }[],
  granularity: number,
  color: boolean,
): string {
  const unit = GRANULARITY[granularity];
  const size = (mult: bigint) => (unit === undefined ? String(mult) : humanBytes(mult * unit));
  return table(
    ['LD', 'RANGE 1', 'RANGE 2'],
    list.map((a, i) => [String(start + i), size(a.range_1_allocation_mult), size(a.range_2_allocation_mult)]),
    color,
  ).replace(/^/gm, '  ');
}

/** A bandwidth fraction n/256 as a percentage with one decimal. */
const percent = (n: number) => `${((n * 100) / 256).toFixed(1)}%`;

/** LD, allocated and limit fractions (each n/256), as given. */
export function bandwidthTable(start: number, columns: Record<string, Uint8Array>, color: boolean): string {
  const names = Object.keys(columns);
  const rows = Math.max(...names.map((n) => columns[n].length));
  return table(
    ['LD', ...names.map((n) => n.toUpperCase())],
    Array.from({ length: rows }, (_, i) => [
      String(start + i),
      ...names.map((n) => {
        const v = columns[n][i];
        return v === undefined ? '-' : `${v}/256 (${percent(v)})`;
      }),
    ]),
    color,
  ).replace(/^/gm, '  ');
}

/** "64,25%,0" → fractions of 256 per LD: a number 0..255 is n/256, "P%" is rounded to n/256. */
export function parseFractions(what: string, text: string): Uint8Array {
  const parts = text.split(',');
  const out = parts.map((p) => {
    const pm = /^(\d+(?:\.\d+)?)%$/.exec(p.trim());
    const n = pm
      ? Math.min(255, Math.round((Number(pm[1]) * 256) / 100))
      : /^\d+$/.test(p.trim())
        ? Number(p)
        : -1;
    if (n < 0 || n > 255 || (pm && Number(pm[1]) > 100))
      throw new CxlmiUsageError(`${what}: each LD's fraction is 0..255 (n/256) or a percentage, got '${p}'`);
    return n;
  });
  if (out.length > 255) throw new CxlmiUsageError(`${what}: at most 255 LDs`);
  return Uint8Array.from(out);
}
