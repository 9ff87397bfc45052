/**
 * Opens every target of a command line on its own, so one unreachable device among several is
 * reported and the others still run. Bad target strings are usage errors before anything opens.
 */

import type { EmulatedEndpointSpec } from '../emulator/topology.js';
import type { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiUsageError } from '../errors.js';
import { namesEmulatorDevices } from './emu-target.js';
import { ALL_TARGETS, expandTargets } from './every-device.js';
import { openSome, openTargets, parseTarget, type TargetOptions } from './target.js';

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
  // `emulator:NAME` targets pick emulated devices one by one: --emulate alone does not open them all.
  const emulate = o.emulate && !namesEmulatorDevices(targets);
  if (emulate || o.scan) {
    try {
      for (const ep of await openTargets(ctx, [], { ...o, emulate }, emulated))
        out.push({ name: ep.description, ep });
    } catch (e) {
      // --scan finding nothing is fine when devices are also named.
      const nothingFound = e instanceof CxlmiUsageError && e.message.startsWith('no target');
      if (!(nothingFound && targets.length > 0)) throw e;
    }
  }
  const named = targets.length + out.length;
  // What a single target needs besides itself: emulator:NAME picks from --emulate=FILE's devices.
  const one = { timeout: o.timeout, topology: o.topology, emulateLatency: o.emulateLatency };
  for (const t of targets) {
    if (named === 1) {
      for (const ep of await openSome(ctx, t, one, emulated)) out.push({ name: ep.description, ep });
      continue;
    }
    try {
      for (const ep of await openSome(ctx, t, one, emulated)) out.push({ name: ep.description, ep });
    } catch (error) {
      out.push({ name: t, error });
    }
  }
  if (out.length === 0) await openTargets(ctx, [], {}); // throws the "no target" usage error
  return out;
}
