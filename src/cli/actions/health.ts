/**
 * Implementation of `cxlmi health`: Get Health Info (4200h) and, with --alerts, Get Alert Configuration (4201h);
 * `health alerts set` (4202h) is in health-alerts.ts.
 */

import { deviceTemperature, lifeUsed } from '../../commands/memdev/health-status.js';
import { CxlmiUsageError } from '../../errors.js';
import { mediaStatusName } from '../../names.js';
import { parseWatchOptions, watchHealth } from '../health-watch.js';
import type { Action } from '../program.js';
import { perEndpoint } from '../run.js';

const HINTS = {
  format: {
    media_status: (v: number) => `${v} (${mediaStatusName(v)})`,
    life_used: (v: number) => (lifeUsed({ life_used: v }) === undefined ? 'not implemented' : `${v}%`),
    device_temperature: (v: number) =>
      deviceTemperature({ device_temperature: v }) === undefined ? 'not implemented' : `${v} °C`,
  },
};

export const runHealth: Action = async (run, targets, o) => {
  // An option that would change nothing is a mistake worth saying, not something to ignore.
  for (const name of ['interval', 'count'] as const) {
    if (o[name] !== undefined && !o.watch)
      throw new CxlmiUsageError(`--${name} only applies with --watch (health --watch --${name} …)`);
  }
  if (o.alerts && o.watch) throw new CxlmiUsageError('--alerts has no effect with --watch');
  if (o.watch) {
    const w = parseWatchOptions(o);
    await watchHealth(run, await run.endpoints(targets), w);
    return;
  }
  await perEndpoint(
    run,
    targets,
    async (ep) => {
      const health = await ep.getHealthInfo(run.call());
      return o.alerts ? { ...health, alert_config: await ep.getAlertConfig(run.call()) } : health;
    },
    HINTS,
  );
};
