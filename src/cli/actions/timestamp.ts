/**
 * Implementation of `cxlmi timestamp [get]` / `cxlmi timestamp set [TIME]`: Get/Set Timestamp
 * (0300h/0301h).
 */

import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';
import { nsToIso, parseTimestamp } from '../time.js';

const asTime = { format: { timestamp: (v: bigint) => `${nsToIso(v)} (${v} ns)` } };

export const runGet: Action = async (run, targets) =>
  void (await perEndpoint(run, targets, (ep) => ep.getTimestamp(run.call()), asTime));

export const runSet: Action = async (run, [time, ...targets]) => {
  const timestamp = parseTimestamp(time);
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      await ep.setTimestamp({ timestamp }, run.call());
      return { timestamp };
    },
    asTime,
    { changes: 'timestamp set', sends: 'setTimestamp' },
  );
};
