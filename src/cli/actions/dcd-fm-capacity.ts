/**
 * Implementation of `cxlmi dcd initiate-add|initiate-release|add-ref|remove-ref`: the fabric manager gives capacity
 * to a host or takes it back (FM-API 5604h-5607h, CXL r3.2 §7.6.7.6.5-8).
 */

import {
  CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE,
  CXL_EXTENT_REMOVAL_POLICY_TAG_BASED,
  CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS,
  CXL_EXTENT_SELECTION_POLICY_ENABLE_SHARED_ACCESS,
  CXL_EXTENT_SELECTION_POLICY_FREE,
  CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
} from '../../commands/fmapi/dcd-management.js';
import { CxlmiUsageError } from '../../errors.js';
import type { REMOVAL_POLICIES, SELECTION_POLICIES } from '../commands/dcd-fm-capacity.js';
import { hostId, parseExtents, parseTag } from '../dcd-args.js';
import { parseNumber } from '../hex.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseSize } from '../size.js';

const SELECTION: Record<(typeof SELECTION_POLICIES)[number], number> = {
  free: CXL_EXTENT_SELECTION_POLICY_FREE,
  contiguous: CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS,
  prescriptive: CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
  shared: CXL_EXTENT_SELECTION_POLICY_ENABLE_SHARED_ACCESS,
};

const REMOVAL: Record<(typeof REMOVAL_POLICIES)[number], number> = {
  tag: CXL_EXTENT_REMOVAL_POLICY_TAG_BASED,
  prescriptive: CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE,
};

/** Initiate Dynamic Capacity Release flags (Table 7-67): bit 4 forced removal, bit 5 sanitize on release. */
const FORCED = 1 << 4;

const SANITIZE = 1 << 5;

/** Extents as the FM-API carries them (Table 8-51): no tag of their own, no sharing sequence. */
const fmExtents = (o: Record<string, unknown>) =>
  o.extents === undefined
    ? []
    : parseExtents('--extents', String(o.extents)).map((e) => ({
        ...e,
        tag: new Uint8Array(16),
        shared_seq: 0,
      }));

const hex = (v: bigint) => `0x${v.toString(16)}`;

export const runInitiateAdd: Action = async (run, targets, o) => {
  const selection_policy = SELECTION[o.policy as keyof typeof SELECTION];
  const extents = fmExtents(o);
  const prescriptive = selection_policy === CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE;
  if (prescriptive !== extents.length > 0)
    throw new CxlmiUsageError('--extents goes with --policy prescriptive (and only with it)');
  if (!prescriptive && o.length === undefined) throw new CxlmiUsageError('say how much with --length SIZE');
  const req = {
    host_id: hostId(o.host),
    selection_policy,
    region_num: parseNumber('--region', String(o.region), 7),
    length: o.length === undefined ? 0n : parseSize('--length', String(o.length)),
    tag: parseTag(o.tag as string | undefined),
    ext_count: extents.length,
    extents,
  };
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await ep.initiateDcAdd(req, run.call());
      return req;
    },
    (r) =>
      `  offered to host ${r.host_id}: ${
        r.ext_count
          ? r.extents.map((e) => `${hex(e.start_dpa)}:${e.len}`).join(', ')
          : `${r.length} bytes of region ${r.region_num}`
      }`,
    { changes: 'dcd initiate-add', sends: 'initiateDcAdd' },
  );
};

export const runInitiateRelease: Action = async (run, targets, o) => {
  const policy = REMOVAL[o.policy as keyof typeof REMOVAL];
  const extents = fmExtents(o);
  if (policy === CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE && extents.length === 0)
    throw new CxlmiUsageError('the prescriptive policy needs --extents START:LENGTH,...');
  if (policy === CXL_EXTENT_REMOVAL_POLICY_TAG_BASED && o.tag === undefined)
    throw new CxlmiUsageError('the tag policy needs --tag UUID');
  const length =
    o.length === undefined
      ? extents.reduce((n, e) => n + e.len, 0n)
      : parseSize('--length', String(o.length));
  const req = {
    host_id: hostId(o.host),
    flags: policy | (o.forced ? FORCED : 0) | (o.sanitize ? SANITIZE : 0),
    length,
    tag: parseTag(o.tag as string | undefined),
    ext_count: extents.length,
    extents,
  };
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await ep.getDcdInfo(run.call()); // a DCD at all? (ask only where it can be done)
      await run.confirm(
        `${o.forced ? 'remove at once' : `ask host ${req.host_id} to release`} ${
          extents.length ? `${extents.length} extent(s)` : `the extents tagged ${o.tag}`
        } of ${run.label(ep)}`,
      );
      await ep.initiateDcRelease(req, run.call());
      return req;
    },
    (r) => `  ${r.flags & FORCED ? 'removed from' : 'release requested of'} host ${r.host_id}`,
    { changes: 'dcd initiate-release', sends: 'initiateDcRelease' },
  );
};

/** `dcd add-ref` / `dcd remove-ref`: the same action for either Reference command. */
export const runReference =
  (name: 'add-ref' | 'remove-ref', method: 'dcAddReference' | 'dcRemoveReference'): Action =>
  async (run, [text, ...targets]) => {
    const tag = parseTag(text);
    await perEndpoint(
      run,
      targets,
      async (ep) => {
        await ep[method]({ tag }, run.call());
        return { tag };
      },
      () => `  ${name === 'add-ref' ? 'reference taken on' : 'reference dropped on'} ${text.toLowerCase()}`,
      { changes: `dcd ${name}`, sends: method },
    );
  };
