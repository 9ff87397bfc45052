/**
 * Opens every target of a command line on its own, so one unreachable device among several is
 * reported and the others still run. Bad target strings are usage errors before anything opens.
 */

import type { EmulatedEndpointSpec } from '../emulator/topology.js';
import type { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiUsageError } from '../errors.js';
import { ALL_TARGETS, expandTargets } from './every-device.js';
import { openOne, openTargets, parseTarget, type TargetOptions } from './target.js';

export type Opened =
  | { name: string; ep: Endpoint; error?: undefined }
  | { name: string; ep?: undefined; error: unknown };

export async function openEach(
  ctx: Context,
  targets: string[],
  o: TargetOptions,
  emulated?: () => EmulatedEndpointSpec[],
): Promise<Opened[]> {
  for (const t of targets) if (t !== ALL_TARGETS) parseTarget(t);
  targets = await expandTargets(targets, o);
  const out: Opened[] = [];
  if (o.emulate || o.scan) {
    try {
      for (const ep of await openTargets(ctx, [], o, emulated)) out.push({ name: ep.description, ep });
    } catch (e) {
      // --scan finding nothing is fine when devices are also named.
      const nothingFound = e instanceof CxlmiUsageError && e.message.startsWith('no target');
      if (!(nothingFound && targets.length > 0)) throw e;
    }
  }
  const named = targets.length + out.length;
  for (const t of targets) {
    if (named === 1) {
      const ep = await openOne(ctx, t, { timeout: o.timeout });
      out.push({ name: ep.description, ep });
      continue;
    }
    try {
      const ep = await openOne(ctx, t, { timeout: o.timeout });
      out.push({ name: ep.description, ep });
    } catch (error) {
      out.push({ name: t, error });
    }
  }
  if (out.length === 0) await openTargets(ctx, [], {}); // throws the "no target" usage error
  return out;
}
