/**
 * Shared by the FM-API examples: `--emulate` opens the emulator's default fabric (a switch, an MLD
 * and a multi-headed DCD, each its own endpoint) — `--emulate=FILE` a topology file of yours —;
 * any other target opens one endpoint that plays every role, as the reference's examples do.
 */

import type { Context, Endpoint } from 'cxlmi';
import { emulatorTransport, loadTopology } from 'cxlmi/emulator';
import { openTarget } from './_target.js';

export interface FabricTargets {
  /** Endpoint for switch commands and switch tunnels. */
  switch: Endpoint;
  /** Endpoint for MLD tunnels (to its LDs). */
  mld: Endpoint;
  /** Endpoint of a multi-headed device / DCD. */
  mhd: Endpoint;
  all: Endpoint[];
}

export async function openFabricTargets(ctx: Context, argv: string[]): Promise<FabricTargets> {
  const arg = argv[0] ?? '';
  if (arg === '--emulate' || arg.startsWith('--emulate=')) {
    const source = arg === '--emulate' ? 'fabric' : arg.slice('--emulate='.length);
    const all: Endpoint[] = [];
    const byName = new Map<string, Endpoint>();
    for (const spec of loadTopology(source)) {
      const ep = await ctx.openTransport(
        emulatorTransport(spec.device, { description: `emulator:${spec.name}`, ...spec.link }),
      );
      all.push(ep);
      byName.set(spec.name, ep);
    }
    const pick = (prefix: string) => [...byName].find(([n]) => n.startsWith(prefix))?.[1] ?? all[0];
    return { switch: pick('switch'), mld: pick('mld'), mhd: pick('mhd'), all };
  }
  const eps = await openTarget(ctx, argv);
  if (eps.length === 0) throw new Error('no endpoint to talk to');
  return { switch: eps[0], mld: eps[0], mhd: eps[0], all: eps };
}
