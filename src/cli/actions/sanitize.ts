/** What `cxlmi` runs for the subcommands registered in commands/sanitize.ts. */

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
import { humanBytes } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';
import { parseSize } from '../size.js';

/** "0x1000:256M" → a DPA range in bytes. */
function parseRange(text: string): { starting_dpa: bigint; length: bigint } {
  const [start, length, extra] = text.split(':');
  if (length === undefined || extra !== undefined)
    throw new CxlmiUsageError(`a range is START:LENGTH, got '${text}'`);
  return { starting_dpa: parseSize('range start', start), length: parseSize('range length', length) };
}

export const runSanitize: Action = async (run, targets) => {
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
};

export const runSecureErase: Action = async (run, targets) => {
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
};

export const runDiscover: Action = async (run, targets) => {
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
};

/** `media-ops sanitize` / `media-ops zero`: one action for either sanitize subclass. */
const SUBCLASS = { sanitize: CXLMI_MEDIA_OP_SANITIZE_SANITIZE, zero: CXLMI_MEDIA_OP_SANITIZE_ZERO };

export const runMediaOp =
  (name: keyof typeof SUBCLASS, what: string): Action =>
  async (run, [rangesText, ...targets]) => {
    const ranges = rangesText.split(',').map(parseRange);
    await perEndpoint(
      run,
      targets,
      async (ep) => {
        const list = ranges.map((r) => `0x${r.starting_dpa.toString(16)}+${humanBytes(r.length)}`).join(', ');
        await run.confirm(`${what} ${list} of ${run.label(ep)}, erasing the data there`);
        return runAndWait(run, ep, 'memdev_media_operations_sanitize', `media ${what}`, () =>
          ep.mediaOperationsSanitize(
            {
              media_operation_class: CXLMI_MEDIA_OP_CLASS_SANITIZE,
              media_operation_subclass: SUBCLASS[name],
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
  };
