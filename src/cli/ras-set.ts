/**
 * `cxlmi features set <ras-feature>` with named options instead of raw bytes: each RAS feature's
 * changes go through the library's read-modify-write helpers, which check the capability bits.
 */
import type { RasFeatureName } from '../commands/generic/ras-features.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { setEcs, setPatrolScrub, setPpr, setSparing, sparingFeatureName } from '../endpoint/ras-features.js';
import { CxlmiUsageError } from '../errors.js';
import { parseNumber } from './hex.js';
import { NAMED } from './ras-options.js';
import type { Run } from './run.js';

function onOff(flag: string, v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new CxlmiUsageError(`${flag} takes on or off, got '${String(v)}'`);
}

/** Checks the options fit the feature; returns a function that applies them to one endpoint. */
export function namedChange(name: RasFeatureName, o: Record<string, unknown>) {
  for (const [flag, key, , features] of NAMED)
    if (o[key] !== undefined && !features.includes(name))
      throw new CxlmiUsageError(`${flag.split(' ')[0]} does not apply to ${name}`);
  const save = Boolean(o.save);
  if (name === 'patrol-scrub') {
    if (o.enable && o.disable) throw new CxlmiUsageError('give --enable or --disable, not both');
    const cycleHours =
      o.cycleHours === undefined ? undefined : parseNumber('--cycle-hours', String(o.cycleHours), 0xffff);
    const enabled = o.enable ? true : o.disable ? false : undefined;
    return (run: Run, ep: Endpoint) => setPatrolScrub(ep, { cycleHours, enabled, save, ...run.call() });
  }
  if (name === 'ecs') {
    const fru = o.fru === undefined ? undefined : parseNumber('--fru', String(o.fru), 0xffff);
    const threshold =
      o.threshold === undefined ? undefined : parseNumber('--threshold', String(o.threshold), 0xffff);
    const countMode = o.countMode as 'rows' | 'codewords' | undefined;
    if (countMode !== undefined && countMode !== 'rows' && countMode !== 'codewords')
      throw new CxlmiUsageError(`--count-mode is rows or codewords, got '${countMode}'`);
    const resetCounter = Boolean(o.resetCounter);
    return (run: Run, ep: Endpoint) =>
      setEcs(ep, { fru, threshold, countMode, resetCounter, save, ...run.call() });
  }
  const deviceInitiated = onOff('--device-initiated', o.deviceInitiated);
  if (name === 'sppr' || name === 'hppr') {
    const sparingEventRecords = onOff('--sparing-events', o.sparingEvents);
    const repairAtBoot = onOff('--repair-at-boot', o.repairAtBoot);
    const kind = name === 'sppr' ? 'soft' : 'hard';
    return (run: Run, ep: Endpoint) =>
      setPpr(ep, kind, { deviceInitiated, sparingEventRecords, repairAtBoot, save, ...run.call() });
  }
  const kind = name.replace('-sparing', '') as 'cacheline' | 'row' | 'bank' | 'rank';
  sparingFeatureName(kind);
  return (run: Run, ep: Endpoint) => setSparing(ep, kind, { deviceInitiated, save, ...run.call() });
}
