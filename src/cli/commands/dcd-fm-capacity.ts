/**
 * `cxlmi dcd initiate-add|initiate-release|add-ref|remove-ref`: the fabric manager gives capacity
 * to a host or takes it back (FM-API 5604h-5607h, CXL r3.2 §7.6.7.6.5-8).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE,
  CXL_EXTENT_REMOVAL_POLICY_TAG_BASED,
  CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS,
  CXL_EXTENT_SELECTION_POLICY_ENABLE_SHARED_ACCESS,
  CXL_EXTENT_SELECTION_POLICY_FREE,
  CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
} from '../../commands/fmapi/dcd-management.js';
import { CxlmiUsageError } from '../../errors.js';
import { hostId, parseExtents, parseTag } from '../dcd-args.js';
import { examples } from '../help.js';
import { parseNumber } from '../hex.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseSize } from '../size.js';

const TARGETS = ['[targets...]', 'the DCD (its FM-owned CCI, or a switch with --port N)'] as const;
const SELECTION = {
  free: CXL_EXTENT_SELECTION_POLICY_FREE,
  contiguous: CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS,
  prescriptive: CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
  shared: CXL_EXTENT_SELECTION_POLICY_ENABLE_SHARED_ACCESS,
};
const REMOVAL = {
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

export function registerDcdFmCapacity(dcd: Command, wrap: Wrap): void {
  examples(
    dcd
      .command('initiate-add')
      .description(
        'offer capacity to a host (Initiate Dynamic Capacity Add); the host answers with add-response',
      )
      .argument(...TARGETS)
      .option('--host <id>', 'the host (head) to offer it to', '0')
      .option('--region <n>', 'the DC region to take it from', '0')
      .addOption(
        new Option('--policy <policy>', 'how the device picks the extents')
          .choices(Object.keys(SELECTION))
          .default('free'),
      )
      .option('--length <size>', 'how much (free or contiguous policy)')
      .option('--extents <list>', 'prescriptive policy: START:LENGTH, comma separated')
      .option('--tag <uuid>', 'tag the new extents'),
    'cxlmi --emulate=fabric dcd initiate-add --length 64M',
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --host 1 --policy prescriptive --extents 0x50000000:128M --json',
  ).action(
    wrap(async (run, targets, o) => {
      const selection_policy = SELECTION[o.policy as keyof typeof SELECTION];
      const extents = fmExtents(o);
      const prescriptive = selection_policy === CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE;
      if (prescriptive !== extents.length > 0)
        throw new CxlmiUsageError('--extents goes with --policy prescriptive (and only with it)');
      if (!prescriptive && o.length === undefined)
        throw new CxlmiUsageError('say how much with --length SIZE');
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
    }),
  );

  examples(
    dcd
      .command('initiate-release')
      .description('take capacity back from a host (Initiate Dynamic Capacity Release; asks first)')
      .argument(...TARGETS)
      .option('--host <id>', 'the host (head) holding it', '0')
      .addOption(
        new Option('--policy <policy>', 'which extents: all with --tag, or --extents')
          .choices(Object.keys(REMOVAL))
          .default('prescriptive'),
      )
      .option('--extents <list>', 'prescriptive policy: START:LENGTH, comma separated')
      .option('--tag <uuid>', 'tag policy: the tag of the extents')
      .option('--length <size>', 'how much to release')
      .option('--forced', 'remove at once, without asking the host')
      .option('--sanitize', 'sanitize the capacity on release'),
    'cxlmi --emulate=fabric dcd initiate-release --extents 0x40000000:128M --yes',
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 64M --tag 5f1c1a5e-0000-4000-8000-000000000001',
    'cxlmi dcd add-response emu:fabric.sock#mhd0 --extents 0x48000000:64M',
    'cxlmi dcd initiate-release emu:fabric.sock#mhd0 --policy tag --tag 5f1c1a5e-0000-4000-8000-000000000001 --forced --yes --json',
  ).action(
    wrap(async (run, targets, o) => {
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
    }),
  );

  for (const [name, verb, method] of [
    ['add-ref', 'take a fabric manager reference on', 'dcAddReference'],
    ['remove-ref', 'drop a fabric manager reference on', 'dcRemoveReference'],
  ] as const) {
    examples(
      dcd
        .command(name)
        .description(
          `${verb} the extents with a tag (Dynamic Capacity ${name === 'add-ref' ? 'Add' : 'Remove'} Reference)`,
        )
        .argument('<tag>', 'the tag (UUID)')
        .argument(...TARGETS),
      'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 64M --tag 5f1c1a5e-0000-4000-8000-000000000001',
      'cxlmi dcd add-response emu:fabric.sock#mhd0 --extents 0x48000000:64M',
      ...(name === 'remove-ref'
        ? ['cxlmi dcd add-ref 5f1c1a5e-0000-4000-8000-000000000001 emu:fabric.sock#mhd0']
        : []),
      `cxlmi dcd ${name} 5f1c1a5e-0000-4000-8000-000000000001 emu:fabric.sock#mhd0 --json`,
    ).action(
      wrap(async (run, [text, ...targets]) => {
        const tag = parseTag(text);
        await perEndpoint(
          run,
          targets,
          async (ep) => {
            await ep[method]({ tag }, run.call());
            return { tag };
          },
          () =>
            `  ${name === 'add-ref' ? 'reference taken on' : 'reference dropped on'} ${text.toLowerCase()}`,
          { changes: `dcd ${name}`, sends: method },
        );
      }),
    );
  }
}
