/**
 * `cxlmi dcd add-response|release`: the host's side of dynamic capacity, Add Dynamic Capacity
 * Response (4802h) and Release Dynamic Capacity (4803h), CXL r3.1 §8.2.9.9.9.3-4.
 */
import type { Command } from 'commander';
import { CxlmiUsageError } from '../../errors.js';
import { type ExtentArg, parseExtents } from '../dcd-args.js';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

/** The Updated Extent List request (Table 8-144 layout, shared by both commands). */
function request(extents: ExtentArg[], more: boolean) {
  return { updated_extent_list_size: extents.length, flags: more ? 1 : 0, extents };
}

const asText = (verb: string) => (r: ReturnType<typeof request>) =>
  r.extents.length === 0
    ? `  ${verb}: none (the offer is declined)`
    : `  ${verb}:\n${r.extents.map((e) => `    0x${e.start_dpa.toString(16)}  ${e.len} bytes`).join('\n')}${r.flags & 1 ? '\n  more to follow' : ''}`;

export function registerDcdHost(dcd: Command, wrap: Wrap): void {
  examples(
    dcd
      .command('add-response')
      .description('accept (some of) the capacity the device offered, or decline the offer')
      .argument(...TARGETS)
      .option('--extents <list>', 'the extents accepted: START:LENGTH, comma separated')
      .option('--decline', 'accept none of the offer')
      .option('--more', 'more responses to this offer follow'),
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 64M   # the fabric manager offers',
    'cxlmi dcd add-response emu:fabric.sock#mhd0 --extents 0x48000000:64M   # the host accepts',
    'cxlmi dcd initiate-add emu:fabric.sock#mhd0 --length 32M',
    'cxlmi dcd add-response emu:fabric.sock#mhd0 --decline --json',
  ).action(
    wrap(async (run, targets, o) => {
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
    }),
  );

  examples(
    dcd
      .command('release')
      .description('give capacity back to the device (asks first: its data is gone)')
      .argument(...TARGETS)
      .requiredOption('--extents <list>', 'the extents released: START:LENGTH, comma separated')
      .option('--more', 'more releases follow'),
    'cxlmi --emulate=fabric dcd release --extents 0x40000000:2M --yes',
    'cxlmi dcd release emu:fabric.sock#mhd0 --extents 0x40000000:128M --json --yes',
  ).action(
    wrap(async (run, targets, o) => {
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
    }),
  );
}
