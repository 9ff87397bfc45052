/** Implementation of `cxlmi ld set-allocations`: Set LD Allocations (5402h), CXL r3.1 §7.6.7.4.3. */

import type { Endpoint } from '../../endpoint/endpoint.js';
import { CxlmiUsageError } from '../../errors.js';
import { parseNumber } from '../hex.js';
import { allocationTable, GRANULARITY } from '../ld-text.js';
import { humanBytes } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseSize } from '../size.js';

/** "1G,512M:256M" → per LD, range 1 and range 2 sizes in bytes (range 2 0 when not given). */
function parseAllocations(text: string): { range1: bigint; range2: bigint }[] {
  return text.split(',').map((entry, i) => {
    const [r1, r2, extra] = entry.split(':');
    if (extra !== undefined || r1 === '')
      throw new CxlmiUsageError(
        `allocation ${i} must be SIZE or SIZE:SIZE (range 1:range 2), got '${entry}'`,
      );
    return {
      range1: parseSize(`allocation ${i} range 1`, r1),
      range2: r2 === undefined ? 0n : parseSize(`allocation ${i} range 2`, r2),
    };
  });
}

export const runSetAllocations: Action = async (run, [text, ...targets], o) => {
  const start_ld_id = parseNumber('--start-ld', String(o.startLd), 0xff);
  const wanted = parseAllocations(text);
  if (wanted.length > 0xff) throw new CxlmiUsageError('at most 255 LDs at a time');
  const granularityOf = new Map<Endpoint, number>();
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const cur = await ep.getLdAllocations({ start_ld_id: 0, ld_allocation_list_limit: 1 }, run.call());
      const granularity = cur.memory_granularity;
      granularityOf.set(ep, granularity);
      const unit = GRANULARITY[granularity];
      if (unit === undefined)
        throw new CxlmiUsageError(`${run.label(ep)} reports an unknown memory granularity ${granularity}`);
      const mult = (v: bigint, what: string) => {
        if (v % unit !== 0n)
          throw new CxlmiUsageError(`${what} is not a multiple of the granularity (${humanBytes(unit)})`);
        return v / unit;
      };
      const ld_allocation_list = wanted.map((w, i) => ({
        range_1_allocation_mult: mult(w.range1, `LD ${start_ld_id + i} range 1`),
        range_2_allocation_mult: mult(w.range2, `LD ${start_ld_id + i} range 2`),
      }));
      const last = start_ld_id + wanted.length - 1;
      await run.confirm(
        `change the memory allocation of ${wanted.length === 1 ? `LD ${start_ld_id}` : `LDs ${start_ld_id}-${last}`} of ${run.label(ep)}`,
      );
      return ep.setLdAllocations({ number_ld: wanted.length, start_ld_id, ld_allocation_list }, run.call());
    },
    (r, ep) =>
      allocationTable(r.start_ld_id, r.ld_allocation_list, granularityOf.get(ep) ?? -1, run.style.enabled),
    { changes: 'ld set-allocations', sends: 'setLdAllocations' },
  );
};
