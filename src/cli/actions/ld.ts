/**
 * Implementation of `cxlmi ld info|allocations|set-allocations|qos`: the FM-API MLD Components commands (CXL r3.1 §7.6.7.4), on an
 * MLD's FM-owned LD CCI, or through a switch with `--port N`.
 */

import { allocationTable } from '../ld-text.js';
import { humanBytes } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

export const runInfo: Action = async (run, targets) => {
  await perEndpoint(run, targets, (ep) => ep.getLdInfo(run.call()), {
    format: { memory_size: (v: bigint) => `${humanBytes(v)} (${v} bytes)` },
  });
};

export const runAllocations: Action = async (run, targets) => {
  await perEndpoint(
    run,
    targets,
    (ep) => ep.getLdAllocations({ start_ld_id: 0, ld_allocation_list_limit: 0xff }, run.call()),
    (r) => allocationTable(r.start_ld_id, r.ld_allocation_list, r.memory_granularity, run.style.enabled),
  );
};
