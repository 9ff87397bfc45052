/**
 * Implementation of `cxlmi dcd add-response|release`: the host's side of dynamic capacity, Add Dynamic Capacity
 * Response (4802h) and Release Dynamic Capacity (4803h), CXL r3.1 §8.2.9.9.9.3-4.
 */

import { CxlmiUsageError } from '../../errors.js';
import { type ExtentArg, parseExtents } from '../dcd-args.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

/** The Updated Extent List request (Table 8-144 layout, shared by both commands). */
function request(extents: ExtentArg[], more: boolean) {
  return { updated_extent_list_size: extents.length, flags: more ? 1 : 0, extents };
}

const asText = (verb: string) => (r: ReturnType<typeof request>) =>
  r.extents.length === 0
    ? `  ${verb}: none (the offer is declined)`
    : `  ${verb}:\n${r.extents.map((e) => `    0x${e.start_dpa.toString(16)}  ${e.len} bytes`).join('\n')}${r.flags & 1 ? '\n  more to follow' : ''}`;

export const runAddResponse: Action = async (run, targets, o) => {
  if ((o.extents === undefined) === (o.decline === undefined))
    throw new CxlmiUsageError('give either --extents START:LENGTH,... or --decline');
  const req = request(o.decline ? [] : parseExtents('--extents', String(o.extents)), Boolean(o.more));
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await ep.addDcResponse(req, run.call());
      return req;
    },
    asText('accepted'),
    { changes: 'dcd add-response', sends: 'addDcResponse' },
  );
};

export const runRelease: Action = async (run, targets, o) => {
  const req = request(parseExtents('--extents', String(o.extents)), Boolean(o.more));
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await ep.getDcConfig({ region_cnt: 1, start_region_id: 0 }, run.call()); // a DCD at all?
      await run.confirm(`release ${req.extents.length} extent(s) of ${run.label(ep)}, losing their data`);
      await ep.releaseDc(req, run.call());
      return req;
    },
    asText('released'),
    { changes: 'dcd release', sends: 'releaseDc' },
  );
};
