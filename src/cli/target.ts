/**
 * Target selection shared by every subcommand: `mem0`, `/dev/cxl/mem0`, `mctp:NET,EID`, or
 * `--emulate` (the built-in emulator), plus tunnel options.
 */

import type { EmulatedEndpointSpec } from '../emulator/topology.js';
import type { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiUsageError } from '../errors.js';
import {
  type TunnelInfo,
  tunnelMhd,
  tunnelMld,
  tunnelSwitch,
  tunnelSwitchMld,
} from '../transport/tunnel-info.js';
import { namesEmulatorDevices, openEmuTarget } from './emu-target.js';
import { loadEmulator } from './emulator-load.js';
import { ALL_TARGETS, type EveryDeviceOptions, expandTargets } from './every-device.js';
import { type ParsedTarget, parseEmuTarget, parseTarget } from './target-syntax.js';

export { type ParsedTarget, parseTarget } from './target-syntax.js';

export interface TargetOptions extends EveryDeviceOptions {
  emulate?: boolean;
  topology?: string;
  scan?: boolean;
  port?: string;
  ld?: string;
  mhd?: boolean;
  timeout?: string;
  /** Hidden: delay of every emulated response, in ms (for demos and terminal tests). */
  emulateLatency?: string;
}

/** A whole number written in decimal or hex (`2`, `0x2`), from 0 to `max`; anything else is a usage error. */
function intOption(name: string, v: string | undefined, max: number): number | undefined {
  if (v === undefined) return undefined;
  const text = v.trim();
  const n = /^\d+$/.test(text) ? Number(text) : /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text, 16) : NaN;
  if (!Number.isSafeInteger(n) || n > max)
    throw new CxlmiUsageError(`--${name} takes a number from 0 to ${max} (decimal or 0x hex), got '${v}'`);
  return n;
}

/**
 * The tunnel the global options ask for, or null. Port and LD ids are one byte each in the Tunnel
 * Management Command (CXL r3.1 Table 7-32), so both are 0-255. Checked once per command line.
 */
export function tunnelFrom(o: TargetOptions): TunnelInfo | null {
  const port = intOption('port', o.port, 0xff);
  const ld = intOption('ld', o.ld, 0xff);
  if (o.mhd) {
    if (port !== undefined || ld !== undefined)
      throw new CxlmiUsageError('--mhd cannot be combined with --port/--ld');
    return tunnelMhd();
  }
  if (port !== undefined && ld !== undefined) return tunnelSwitchMld(port, ld);
  if (port !== undefined) return tunnelSwitch(port);
  if (ld !== undefined) return tunnelMld(ld);
  return null;
}

export function timeoutFrom(o: TargetOptions): number | undefined {
  return intOption('timeout', o.timeout, 0x7fffffff);
}

/**
 * Opens one target that was already checked with parseTarget or came from `all` (a device path,
 * under Io.devRoot in tests).
 */
export async function openOne(ctx: Context, t: string, o: TargetOptions): Promise<Endpoint> {
  const timeoutMs = timeoutFrom(o);
  const opts = timeoutMs === undefined ? {} : { timeoutMs };
  const p: ParsedTarget = t.startsWith('/') ? { kind: 'mailbox', devname: t } : parseTarget(t);
  if (p.kind === 'emu' || p.kind === 'emulator')
    throw new CxlmiUsageError(`${t} may name several devices: open it with openSome`);
  return p.kind === 'mailbox' ? await ctx.open(p.devname, opts) : await ctx.openMctp(p.net, p.eid, opts);
}

/**
 * Opens what one target names: `emu:PATH` may be several devices; `emu:…`/`emulator:NAME` are
 * resolved in emu-target.ts, everything else by openOne.
 */
export async function openSome(
  ctx: Context,
  t: string,
  o: TargetOptions & { latencyMs?: number },
  emulated?: () => EmulatedEndpointSpec[],
): Promise<Endpoint[]> {
  const emu = t.startsWith('/') ? undefined : parseEmuTarget(t);
  if (!emu) return [await openOne(ctx, t, o)];
  const timeoutMs = timeoutFrom(o);
  const opts = timeoutMs === undefined ? {} : { timeoutMs };
  const latencyMs = o.latencyMs ?? intOption('emulate-latency', o.emulateLatency, 60_000);
  return openEmuTarget(ctx, emu, { topology: o.topology, latencyMs }, opts, emulated);
}

/** Opens the endpoints a command line names. */
export async function openTargets(
  ctx: Context,
  targets: string[],
  o: TargetOptions,
  emulated?: () => EmulatedEndpointSpec[],
): Promise<Endpoint[]> {
  const timeoutMs = timeoutFrom(o);
  const opts = timeoutMs === undefined ? {} : { timeoutMs };
  const out: Endpoint[] = [];
  for (const t of targets) if (t !== ALL_TARGETS) parseTarget(t);
  targets = await expandTargets(targets, o);
  const latencyMs = intOption('emulate-latency', o.emulateLatency, 60_000);
  // `emulator:NAME` targets pick devices one by one; --emulate then only chooses the topology.
  if (o.emulate && !namesEmulatorDevices(targets)) {
    const { emulatorTransport, defaultTopology, loadTopology } = await loadEmulator();
    const specs = o.topology === undefined ? (emulated ?? defaultTopology)() : loadTopology(o.topology);
    for (const spec of specs) {
      out.push(
        await ctx.openTransport(
          emulatorTransport(spec.device, {
            description: `emulator:${spec.name}`,
            ...spec.link,
            ...(latencyMs === undefined ? {} : { latencyMs }),
          }),
          opts,
        ),
      );
    }
  }
  if (o.scan) out.push(...(await ctx.scanMctp(opts)));
  for (const t of targets) {
    for (const ep of await openSome(ctx, t, { ...o, latencyMs }, emulated)) out.push(ep);
  }
  if (out.length === 0) {
    throw new CxlmiUsageError(
      `no target: name a device (mem0, mctp:NET,EID, or ${ALL_TARGETS} for every /dev/cxl/mem*), or use --emulate or --scan`,
    );
  }
  return out;
}
