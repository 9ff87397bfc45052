/** Implementation of `cxlmi logs list|get|cel`: the Logs command set (CXL r3.1 §8.2.9.5). */

import { writeFile } from 'node:fs/promises';
import {
  CEL_UUID,
  COMPONENT_STATE_DUMP_LOG_UUID,
  DDR5_ECS_LOG_UUID,
  MEDIA_TEST_CAPABILITY_LOG_UUID,
  MEDIA_TEST_RESULTS_LONG_LOG_UUID,
  MEDIA_TEST_RESULTS_SHORT_LOG_UUID,
  VENDOR_DEBUG_LOG_UUID,
} from '../../commands/generic/logs.js';
import { commandsByOpcode } from '../../commands/table.js';
import { CxlmiUsageError } from '../../errors.js';
import { atBoundary } from '../boundary.js';
import { LOG_NAMES } from '../commands/logs.js';
import { hexDump } from '../hex.js';
import { hex, humanBytes, table } from '../output.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

/** Logs the spec names (CXL r3.1 Table 8-71 and the sections it points to), by the CLI's short names. */
const LOG_UUIDS: Record<(typeof LOG_NAMES)[number], string> = {
  cel: CEL_UUID,
  'vendor-debug': VENDOR_DEBUG_LOG_UUID,
  'component-state-dump': COMPONENT_STATE_DUMP_LOG_UUID,
  'ddr5-ecs': DDR5_ECS_LOG_UUID,
  'media-test-capability': MEDIA_TEST_CAPABILITY_LOG_UUID,
  'media-test-results-short': MEDIA_TEST_RESULTS_SHORT_LOG_UUID,
  'media-test-results-long': MEDIA_TEST_RESULTS_LONG_LOG_UUID,
};

const NAME_OF = new Map(Object.entries(LOG_UUIDS).map(([n, u]) => [u, n]));

function logUuid(text: string): string {
  const u = (LOG_UUIDS as Record<string, string>)[text] ?? text.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(u)) {
    throw new CxlmiUsageError(`'${text}' is neither a log UUID nor one of ${LOG_NAMES.join(', ')}`);
  }
  return u;
}

export const runList: Action = async (run, targets) => {
  await perEndpoint(
    run,
    targets,
    (ep) => ep.getSupportedLogs(run.call()),
    (r) =>
      table(
        ['UUID', 'NAME', 'SIZE'],
        r.entries.map((e) => [e.uuid, NAME_OF.get(e.uuid) ?? '-', humanBytes(e.log_size)]),
        run.style.enabled,
      ).replace(/^/gm, '  '),
  );
};

export const runGet: Action = async (run, [name, ...targets], o) => {
  const uuid = logUuid(name);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const bar = run.progress({ title: `log ${NAME_OF.get(uuid) ?? uuid}`, total: 1, unit: 'bytes' });
      const boundary = atBoundary(run.signal);
      let data: Uint8Array;
      try {
        data = await ep.getLog(uuid, {
          ...run.call(),
          signal: boundary.signal,
          onProgress: (p) => {
            bar.setTotal(p.total);
            bar.update(p.done);
            boundary.reached();
          },
        });
      } finally {
        bar.stop();
      }
      if (o.output) await writeFile(String(o.output), data);
      return { uuid, size: data.length, ...(o.output ? { file: String(o.output) } : { data }) };
    },
    (r) =>
      'file' in r
        ? `  ${r.size} bytes written to ${r.file}`
        : `  ${r.uuid}, ${r.size} bytes\n${hexDump(r.data as Uint8Array, '    ')}`,
  );
};

export const runCel: Action = async (run, targets) => {
  await perEndpoint(
    run,
    targets,
    (ep) => ep.getCel(run.call()),
    (entries) =>
      table(
        ['OPCODE', 'COMMAND', 'EFFECTS'],
        entries.map((e) => [
          hex(e.opcode, 4),
          commandsByOpcode.get(e.opcode)?.title ?? '(vendor or unknown)',
          Object.entries(e.command_effect_bits as Record<string, boolean>)
            .filter(([, on]) => on)
            .map(([k]) => k)
            .join(', ') || 'none',
        ]),
        run.style.enabled,
      ).replace(/^/gm, '  '),
  );
};
