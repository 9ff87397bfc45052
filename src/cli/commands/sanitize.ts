/**
 * `cxlmi sanitize`, `cxlmi secure-erase`, `cxlmi media-ops discover|sanitize|zero`: the Sanitize and
 * Media Operations command set (CXL r3.1 §8.2.9.9.5). All erase data, so all ask first.
 */
import type { Command } from 'commander';
import {
  CXLMI_MEDIA_OP_CLASS_GENERAL,
  CXLMI_MEDIA_OP_CLASS_SANITIZE,
  CXLMI_MEDIA_OP_GENERAL_DISCOVERY,
  CXLMI_MEDIA_OP_SANITIZE_SANITIZE,
  CXLMI_MEDIA_OP_SANITIZE_ZERO,
} from '../../commands/memdev/sanitize.js';
import { CxlmiUsageError } from '../../errors.js';
import { codeName, MEDIA_OPERATION_CLASS_NAMES, mediaOperationName } from '../../names.js';
import { runAndWait } from '../background.js';
import { examples } from '../help.js';
import { humanBytes } from '../output.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseSize } from '../size.js';

const TARGETS = ['[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'] as const;

/** "0x1000:256M" → a DPA range in bytes. */
function parseRange(text: string): { starting_dpa: bigint; length: bigint } {
  const [start, length, extra] = text.split(':');
  if (length === undefined || extra !== undefined)
    throw new CxlmiUsageError(`a range is START:LENGTH, got '${text}'`);
  return { starting_dpa: parseSize('range start', start), length: parseSize('range length', length) };
}

export function registerSanitize(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('sanitize')
      .description('sanitize the whole device: all user data is erased (background operation; asks first)')
      .argument(...TARGETS),
    'cxlmi --emulate sanitize --yes',
    'cxlmi sanitize emu:lab.sock',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await run.confirm(`sanitize ${run.label(ep)}, erasing all user data`);
          return runAndWait(run, ep, 'memdev_sanitize', 'sanitize', () => ep.sanitize(run.call()));
        },
        {},
        { changes: 'sanitize', sends: 'sanitize' },
      );
    }),
  );

  examples(
    program
      .command('secure-erase')
      .description('secure erase: change the media encryption keys, so all user data is gone (asks first)')
      .argument(...TARGETS),
    'cxlmi --emulate secure-erase --yes',
    'cxlmi secure-erase emu:lab.sock',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        async (ep) => {
          await run.confirm(`secure-erase ${run.label(ep)}, erasing all user data`);
          // Not a background command (CXL r3.1 §8.2.9.9.5.2): done when the device answers.
          await ep.secureErase(run.call());
          return { background: false, percent: 100 };
        },
        {},
        { changes: 'secure-erase', sends: 'secureErase' },
      );
    }),
  );

  const ops = program
    .command('media-ops')
    .description('media operations on DPA ranges: discover, sanitize, zero');
  examples(ops, 'cxlmi --emulate media-ops discover', 'cxlmi media-ops zero 0:256M emu:lab.sock');

  examples(
    ops
      .command('discover')
      .description('the media operations the device supports, and their granularity')
      .argument(...TARGETS),
    'cxlmi --emulate media-ops discover',
    'cxlmi media-ops discover emu:lab.sock --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        (ep) =>
          ep.mediaOperationsDiscovery(
            {
              media_operation_class: CXLMI_MEDIA_OP_CLASS_GENERAL,
              media_operation_subclass: CXLMI_MEDIA_OP_GENERAL_DISCOVERY,
              dpa_range_count: 0,
              discovery_osa: { start_index: 0, num_ops: 0xffff },
            },
            run.call(),
          ),
        {
          format: {
            dpa_range_granularity: (v: bigint) => humanBytes(v),
            media_op_class: (v: number) => `${v} (${codeName(MEDIA_OPERATION_CLASS_NAMES, v)})`,
            media_op_subclass: (v: number, op: Record<string, unknown>) =>
              `${v} (${mediaOperationName(op.media_op_class as number, v).replace(/^.*: /, '')})`,
          },
        },
      );
    }),
  );

  for (const [name, subclass, what] of [
    ['sanitize', CXLMI_MEDIA_OP_SANITIZE_SANITIZE, 'sanitize'],
    ['zero', CXLMI_MEDIA_OP_SANITIZE_ZERO, 'zero'],
  ] as const) {
    examples(
      ops
        .command(name)
        .description(`${what} DPA ranges (START:LENGTH, in the device's granularity; asks first)`)
        .argument('<ranges>', 'comma-separated START:LENGTH ranges, e.g. 0:256M,0x40000000:1G')
        .argument(...TARGETS),
      `cxlmi --emulate media-ops ${name} 0:256M --yes`,
      `cxlmi media-ops ${name} 0x10000000:256M emu:lab.sock`,
    ).action(
      wrap(async (run, [rangesText, ...targets]) => {
        const ranges = rangesText.split(',').map(parseRange);
        await perEndpoint(
          run,
          targets,
          async (ep) => {
            const list = ranges
              .map((r) => `0x${r.starting_dpa.toString(16)}+${humanBytes(r.length)}`)
              .join(', ');
            await run.confirm(`${what} ${list} of ${run.label(ep)}, erasing the data there`);
            return runAndWait(run, ep, 'memdev_media_operations_sanitize', `media ${what}`, () =>
              ep.mediaOperationsSanitize(
                {
                  media_operation_class: CXLMI_MEDIA_OP_CLASS_SANITIZE,
                  media_operation_subclass: subclass,
                  dpa_range_count: ranges.length,
                  dpa_range_list: ranges,
                },
                run.call(),
              ),
            );
          },
          {},
          { changes: `media-ops ${name}`, sends: 'mediaOperationsSanitize' },
        );
      }),
    );
  }
}
