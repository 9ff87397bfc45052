/** What `cxlmi` runs for the subcommands registered in commands/health-alerts.ts. */

import { CxlmiUsageError } from '../../errors.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

/** One programmable warning: its bit in valid/enable_alert_actions, threshold field and range. */
const WARNINGS = [
  { option: 'lifeUsed', bit: 0, field: 'life_used_programmable_warning_threshold', min: 0, max: 100 },
  {
    option: 'overTemperature',
    bit: 1,
    field: 'device_over_temperature_programmable_warning_threshold',
    min: -32768,
    max: 32767,
  },
  {
    option: 'underTemperature',
    bit: 2,
    field: 'device_under_temperature_programmable_warning_threshold',
    min: -32768,
    max: 32767,
  },
  {
    option: 'volatileErrors',
    bit: 3,
    field: 'corrected_volatile_mem_error_programmable_warning_threshold',
    min: 0,
    max: 0xffff,
  },
  {
    option: 'persistentErrors',
    bit: 4,
    field: 'corrected_persistent_mem_error_programmable_warning_threshold',
    min: 0,
    max: 0xffff,
  },
] as const;

type Threshold = { value: number } | 'off';

/** `off`, or a whole number (negative allowed for temperatures) within the field's range. */
function parseThreshold(flag: string, text: string, min: number, max: number): Threshold {
  if (text === 'off') return 'off';
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new CxlmiUsageError(`${flag} must be 'off' or a whole number from ${min} to ${max}, got '${text}'`);
  return { value: n };
}

const flagOf = (option: string) => `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const runSet: Action = async (run, targets, o) => {
  const given = WARNINGS.flatMap((w) =>
    o[w.option] === undefined
      ? []
      : [{ ...w, threshold: parseThreshold(flagOf(w.option), String(o[w.option]), w.min, w.max) }],
  );
  if (given.length === 0)
    throw new CxlmiUsageError(
      'say which warnings to change: --life-used, --over-temperature, --under-temperature, --volatile-errors or --persistent-errors',
    );
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const cur = await ep.getAlertConfig(run.call());
      const req = {
        valid_alert_actions: 0,
        enable_alert_actions: 0,
        life_used_programmable_warning_threshold: cur.life_used_programmable_warning_threshold,
        device_over_temperature_programmable_warning_threshold:
          cur.device_over_temperature_programmable_warning_threshold,
        device_under_temperature_programmable_warning_threshold:
          cur.device_under_temperature_programmable_warning_threshold,
        corrected_volatile_mem_error_programmable_warning_threshold:
          cur.corrected_volatile_mem_error_programmable_warning_threshold,
        corrected_persistent_mem_error_programmable_warning_threshold:
          cur.corrected_persistent_mem_error_programmable_warning_threshold,
      };
      for (const g of given) {
        req.valid_alert_actions |= 1 << g.bit;
        if (g.threshold !== 'off') {
          req.enable_alert_actions |= 1 << g.bit;
          req[g.field] = g.threshold.value;
        }
      }
      await ep.setAlertConfig(req, run.call());
      return ep.getAlertConfig(run.call());
    },
    {},
    { changes: 'health alerts set', sends: 'setAlertConfig' },
  );
};
