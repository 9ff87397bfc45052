/**
 * Targets that name emulated devices: `emu:PATH` (every device of the emulator service listening
 * on the unix socket PATH), `emu:PATH#NAME` (one of them), and `emulator:NAME` (one device of the
 * in-process emulator, by the name `cxlmi list` prints).
 */
import type { EmulatedEndpointSpec } from '../emulator/topology.js';
import type { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import type { EndpointOptions } from '../endpoint/options.js';
import { CxlmiUsageError } from '../errors.js';
import { loadEmulator, loadEmuService } from './emulator-load.js';
import type { EmuTarget } from './target-syntax.js';

export { type EmuTarget, parseEmuTarget } from './target-syntax.js';

/** True when a command line names in-process emulated devices one by one. */
export function namesEmulatorDevices(targets: string[]): boolean {
  return targets.some((t) => t.startsWith('emulator:'));
}

export interface EmulatorChoice {
  /** `--emulate=FILE` / `--topology`: the topology to pick from. */
  topology?: string;
  latencyMs?: number;
}

/** Each command line builds its emulated devices once, so `emulator:a emulator:b` share a fabric. */
const built = new WeakMap<Context, Map<string, EmulatedEndpointSpec[]>>();

function specs(ctx: Context, key: string, make: () => EmulatedEndpointSpec[]): EmulatedEndpointSpec[] {
  const m = built.get(ctx) ?? new Map<string, EmulatedEndpointSpec[]>();
  built.set(ctx, m);
  const s = m.get(key) ?? make();
  m.set(key, s);
  return s;
}

/** The in-process emulated device called `name`: from `--emulate=FILE`, else the default devices, else the built-in fabric. */
function findEmulated(
  ctx: Context,
  name: string,
  o: EmulatorChoice,
  emulated: () => EmulatedEndpointSpec[],
  loadTopology: (source: string) => EmulatedEndpointSpec[],
): EmulatedEndpointSpec {
  const sets =
    o.topology !== undefined
      ? [specs(ctx, `file:${o.topology}`, () => loadTopology(o.topology as string))]
      : [specs(ctx, 'default', emulated), specs(ctx, 'fabric', () => loadTopology('fabric'))];
  for (const set of sets) {
    const found = set.find((s) => s.name === name);
    if (found) return found;
  }
  const known = sets.flatMap((set) => set.map((s) => `emulator:${s.name}`)).join(', ');
  throw new CxlmiUsageError(`no emulated device named ${name}; there are: ${known}`);
}

export async function openEmuTarget(
  ctx: Context,
  t: EmuTarget,
  o: EmulatorChoice,
  opts: EndpointOptions,
  emulated?: () => EmulatedEndpointSpec[],
): Promise<Endpoint[]> {
  if (t.kind === 'emu') {
    const out: Endpoint[] = [];
    const openEmuService = await loadEmuService();
    for (const transport of await openEmuService(t.path, t.name))
      out.push(await ctx.openTransport(transport, opts));
    return out;
  }
  const { emulatorTransport, defaultTopology, loadTopology } = await loadEmulator();
  const spec = findEmulated(ctx, t.name, o, emulated ?? defaultTopology, loadTopology);
  const link = { description: `emulator:${spec.name}`, ...spec.link };
  if (o.latencyMs !== undefined) Object.assign(link, { latencyMs: o.latencyMs });
  return [await ctx.openTransport(emulatorTransport(spec.device, link), opts)];
}
