/**
 * `cxlmi dcd info|regions|set-region|host-extents|tags`: the fabric manager's view of a DCD
 * (FM-API DCD Management 5600h-5603h, 5608h, CXL r3.2 §7.6.7.6).
 */
import type { Command } from 'commander';
import { CxlmiUsageError } from '../../errors.js';
import { hostId } from '../dcd-args.js';
import { examples } from '../help.js';
import { parseNumber } from '../hex.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseSize } from '../size.js';

const TARGETS = ['[targets...]', 'the DCD (its FM-owned CCI, or a switch with --port N)'] as const;
const HOST = ['--host <id>', 'the host (head) of the DCD', '0'] as const;

export function registerDcdFmInfo(dcd: Command, wrap: Wrap): void {
  examples(
    dcd
      .command('info')
      .description('hosts, regions, policies and capacity of the DCD (Get DCD Info)')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric dcd info',
    'cxlmi dcd info emu:fabric.sock#mhd0 --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(run, targets, (ep) => ep.getDcdInfo(run.call()));
    }),
  );

  examples(
    dcd
      .command('regions')
      .description("a host's DC region configuration (Get Host DC Region Configuration)")
      .argument(...TARGETS)
      .option(...HOST),
    'cxlmi --emulate=fabric dcd regions',
    'cxlmi dcd regions emu:fabric.sock#mhd0 --host 1 --json',
  ).action(
    wrap(async (run, targets, o) => {
      const host_id = hostId(o.host);
      await perEndpoint(run, targets, (ep) =>
        ep.getDcRegConfig({ host_id, region_cnt: 8, start_region_id: 0 }, run.call()),
      );
    }),
  );

  examples(
    dcd
      .command('set-region')
      .description(
        "change a DC region's block size (Set DC Region Configuration; the region must hold no extents)",
      )
      .argument('<region>', 'region number 0-7')
      .argument(...TARGETS)
      .requiredOption(
        '--block-size <size>',
        'the new block size, a power of two the region supports (2M, 64K…)',
      )
      .option('--sanitize-on-release', 'the region sanitizes capacity when it is released'),
    'cxlmi dcd initiate-release emu:fabric.sock#mhd0 --extents 0x40000000:128M --forced --yes   # empty the region first',
    'cxlmi dcd set-region 0 emu:fabric.sock#mhd0 --block-size 4M --json',
  ).action(
    wrap(async (run, [region, ...targets], o) => {
      const req = {
        region_id: parseNumber('region', region, 7),
        block_sz: parseSize('--block-size', String(o.blockSize)),
        sanitize_on_release: o.sanitizeOnRelease ? 1 : 0,
      };
      if (req.block_sz === 0n || (req.block_sz & (req.block_sz - 1n)) !== 0n)
        throw new CxlmiUsageError(`--block-size must be a power of two, got '${o.blockSize}'`);
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await ep.setDcRegionConfig(req, run.call());
          return req;
        },
        (r) => `  region ${r.region_id}: block size ${r.block_sz} bytes`,
        { changes: 'dcd set-region', sends: 'setDcRegionConfig' },
      );
    }),
  );

  examples(
    dcd
      .command('host-extents')
      .description('the extents a host holds, as the fabric manager sees them (Get DC Region Extent Lists)')
      .argument(...TARGETS)
      .option(...HOST),
    'cxlmi --emulate=fabric dcd host-extents',
    'cxlmi dcd host-extents emu:fabric.sock#mhd0 --host 1 --json',
  ).action(
    wrap(async (run, targets, o) => {
      const host_id = hostId(o.host);
      await perEndpoint(run, targets, async (ep) => {
        const ask = (start_ext_index: number) =>
          ep.getDcRegionExtList({ host_id, extent_count: 64, start_ext_index }, run.call());
        const first = await ask(0);
        const extents = [...first.extents];
        while (extents.length < first.total_extents) {
          const more = await ask(extents.length);
          if (more.extents.length === 0) break;
          extents.push(...more.extents);
        }
        return { ...first, extents_returned: extents.length, extents };
      });
    }),
  );

  examples(
    dcd
      .command('tags')
      .description('the extent tags in use and which hosts reference them (Dynamic Capacity List Tags)')
      .argument(...TARGETS),
    'cxlmi --emulate=fabric dcd tags',
    'cxlmi dcd tags emu:fabric.sock#mhd0 --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(run, targets, async (ep) => {
        const first = await ep.dcListTags({ start_idx: 0, tags_count: 32 }, run.call());
        const tags_list = [...first.tags_list];
        while (tags_list.length < first.total_num_tags) {
          const more = await ep.dcListTags({ start_idx: tags_list.length, tags_count: 32 }, run.call());
          if (more.tags_list.length === 0) break;
          tags_list.push(...more.tags_list);
        }
        return { ...first, num_tags_returned: tags_list.length, tags_list };
      });
    }),
  );
}
