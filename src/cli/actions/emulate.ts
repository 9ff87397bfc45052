/**
 * Implementation of `cxlmi emulate --listen PATH` / `--mctp-serial PATH`: the emulator as a long-running lab device.
 * One process holds the emulated devices (and their state) and serves them until SIGINT or
 * SIGTERM: to any number of cxlmi clients (`emu:PATH`, `emu:PATH#NAME`), and as MCTP-over-serial
 * endpoints (DSP0253) to another MCTP stack (a Linux guest's mctp-serial line discipline, a BMC
 * image, libcxlmi). `--state FILE` keeps a lab across restarts.
 *
 * Each way of serving is a Server built from the same devices (see `servers` below).
 */

import { existsSync, readFileSync } from 'node:fs';
import type { EmulatedDevice } from '../../emulator/device.js';
import type { MctpSerialEndpoint } from '../../emulator/mctp/serial-peer.js';
import { serveMctpSerial } from '../../emulator/mctp/serve.js';
import { Lab, type LabTopology, readTopologySource } from '../../emulator/service/lab.js';
import { serveEmulator } from '../../emulator/service/serve.js';
import type { EmulatedEndpointSpec } from '../../emulator/topology.js';
import { CxlmiUsageError } from '../../errors.js';
import { resetEmuDevices } from '../../transport/emu/emu-link.js';
import { parseEmuTarget } from '../emu-target.js';
import { toJson } from '../output.js';
import type { Action } from '../program.js';
import type { Run } from '../run.js';

/** One way the lab's devices are reachable. */
interface Server {
  /** Lines for the start-up banner: what is served, and the targets that reach it. */
  lines: string[];
  json: Record<string, unknown>;
  close(): Promise<void>;
}

interface EmulateOptions {
  reset?: string;
  listen?: string;
  mctpSerial?: string;
  eid?: string;
  state?: string;
  latency?: string;
}

function firstEid(v: unknown): number {
  if (typeof v !== 'string' || !/^(0x[0-9a-f]+|\d+)$/i.test(v) || Number(v) < 1 || Number(v) > 0xfe)
    throw new CxlmiUsageError('--eid takes an EID from 1 to 254');
  return Number(v);
}

/** Endpoint specs → MCTP endpoints with consecutive EIDs: FM-API CCIs on 07h, the rest on 08h. */
export function mctpEndpoints(
  specs: EmulatedEndpointSpec[],
  first: number,
): { eid: number; name: string; endpoint: MctpSerialEndpoint }[] {
  if (first + specs.length - 1 > 0xfe)
    throw new CxlmiUsageError(`${specs.length} endpoints from EID ${first} go past EID 254`);
  return specs.map((s, i) => {
    const eid = first + i;
    const endpoint = s.link?.fmapi ? { eid, fmapi: s.device } : { eid, cci: s.device };
    return { eid, name: s.name, endpoint };
  });
}

/**
 * A device as the MCTP peer sees it, with each request journalled first (for --state). The peer
 * only ever calls dispatch() (src/emulator/mctp/serial-peer.ts).
 */
function journalled(lab: Lab, s: EmulatedEndpointSpec): EmulatedEndpointSpec {
  const dispatch = (m: Uint8Array) => {
    lab.record(s.name, m);
    return s.device.dispatch(m);
  };
  return { ...s, device: { dispatch } as unknown as EmulatedDevice };
}

/** The servers an `emulate` command line asks for, in the order they start. */
const servers: {
  option: keyof EmulateOptions;
  start(lab: Lab, where: string, o: { latencyMs: number; journal: boolean; eid?: string }): Promise<Server>;
}[] = [
  {
    option: 'listen',
    async start(lab, path, o) {
      const svc = await serveEmulator({
        devices: lab.devices,
        path,
        latencyMs: o.latencyMs,
        ...(o.journal ? { onDispatch: lab.record, onReset: lab.recordReset } : {}),
      });
      const width = Math.max(...lab.devices.map((d) => d.name.length)) + path.length + 5;
      return {
        lines: [
          `serving ${lab.devices.length} emulated device${lab.devices.length === 1 ? '' : 's'} on unix socket ${path}:`,
          ...lab.devices.map(
            (d) =>
              `  ${`emu:${path}#${d.name}`.padEnd(width)}  ${d.link?.fmapi ? 'FM-API and generic commands' : 'memory device'}`,
          ),
          `  (emu:${path} reaches them all)`,
        ],
        json: {
          listen: path,
          devices: lab.devices.map((d) => ({
            target: `emu:${path}#${d.name}`,
            name: d.name,
            fmapi: d.link?.fmapi ?? false,
          })),
        },
        close: () => svc.close(),
      };
    },
  },
  {
    option: 'mctpSerial',
    async start(lab, path, o) {
      const specs = o.journal ? lab.devices.map((d) => journalled(lab, d)) : lab.devices;
      const eps = mctpEndpoints(specs, firstEid(o.eid ?? '9'));
      const server = await serveMctpSerial({ path, devices: eps.map((e) => e.endpoint) }).catch(
        (e: Error) => {
          throw new CxlmiUsageError(`cannot serve on ${path}: ${e.message}`);
        },
      );
      return {
        lines: [
          `cxlmi emulate: MCTP over serial on ${server.path}`,
          ...eps.map(
            (e) =>
              `  EID ${e.eid}  ${e.name}  message type ${e.endpoint.fmapi ? '07h (FM-API)' : '08h (CCI)'}`,
          ),
        ],
        json: {
          mctp_serial: server.path,
          mctp_endpoints: eps.map((e) => ({
            eid: e.eid,
            name: e.name,
            message_type: e.endpoint.fmapi ? 7 : 8,
          })),
        },
        close: () => server.close(),
      };
    },
  },
];

function latencyOf(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 60_000)
    throw new CxlmiUsageError('--latency takes a number of milliseconds from 0 to 60000');
  return Number(text);
}

/**
 * The lab to serve: the state file's when it exists, else a fresh one of the topology given, else
 * one Type 3 device (with only --mctp-serial: a Type 3 device and the built-in fabric, so a guest
 * sees both kinds of CCI).
 */
function openLab(
  run: Run,
  source: string | undefined,
  stateFile: string | undefined,
  fallback: LabTopology,
): Lab {
  const topology: LabTopology | undefined = source === undefined ? undefined : readTopologySource(source);
  if (stateFile !== undefined && existsSync(stateFile)) {
    let text: string;
    try {
      text = readFileSync(stateFile, 'utf8');
    } catch (e) {
      throw new CxlmiUsageError(
        `cannot read state file ${stateFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    const lab = Lab.load(stateFile, text, topology);
    run.note(`cxlmi emulate: state loaded from ${stateFile} (${lab.journal.length} commands run again)`);
    return lab;
  }
  return new Lab(topology ?? fallback);
}

/** Resolves on SIGINT (the run's cancel signal) or SIGTERM; SIGHUP calls `onHup`. */
function untilStopped(run: Run, onHup: () => void): Promise<string> {
  const signals = run.io.signals;
  return new Promise((resolve) => {
    const stop = (why: string) => {
      signals?.off('SIGTERM', onTerm);
      signals?.off('SIGHUP', onHup);
      run.signal.removeEventListener('abort', onInt);
      resolve(why);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    if (run.signal.aborted) return stop('SIGINT');
    run.signal.addEventListener('abort', onInt, { once: true });
    signals?.on('SIGTERM', onTerm);
    signals?.on('SIGHUP', onHup);
  });
}

/** `--reset emu:PATH[#NAME]`: a conventional reset of lab devices, through their service. */
async function reset(run: Run, target: string): Promise<void> {
  const t = parseEmuTarget(target);
  if (t?.kind !== 'emu')
    throw new CxlmiUsageError(`--reset takes emu:PATH or emu:PATH#NAME, got '${target}'`);
  const names = await resetEmuDevices(t.path, t.name);
  if (run.opts.json) run.out(toJson({ reset: names.map((n) => `emu:${t.path}#${n}`) }));
  else for (const n of names) run.out(`emu:${t.path}#${n}: reset`);
}

export const runEmulate: Action = async (run, args, raw) => {
  const o = raw as EmulateOptions;
  if (o.reset !== undefined) return reset(run, o.reset);
  const source = args[0] ?? run.opts.topology;
  if (!servers.some((s) => o[s.option] !== undefined))
    throw new CxlmiUsageError(
      'say where to serve the devices: --listen PATH (cxlmi clients) and/or --mctp-serial PATH (an MCTP stack)',
    );
  const latencyMs = latencyOf(o.latency);
  if (o.mctpSerial !== undefined) firstEid(o.eid);
  const lab = openLab(run, source, o.state, o.listen === undefined ? 'default+fabric' : 'default');
  const started: Server[] = [];
  try {
    for (const s of servers) {
      const where = o[s.option];
      if (where !== undefined)
        started.push(await s.start(lab, where, { latencyMs, journal: o.state !== undefined, eid: o.eid }));
    }
  } catch (e) {
    for (const s of started) await s.close();
    throw e;
  }
  const save = () => {
    if (o.state === undefined) return;
    try {
      lab.save(o.state);
      run.note(`cxlmi emulate: state saved to ${o.state} (${lab.journal.length} commands)`);
    } catch (e) {
      run.fail(e, `saving ${o.state}`);
    }
  };
  if (run.opts.json) {
    run.out(toJson(Object.assign({}, ...started.map((s) => s.json), { state: o.state ?? null })));
  } else {
    for (const s of started) run.out(s.lines.join('\n'));
    if (o.state !== undefined) run.out(`state: ${o.state}, saved on exit and on SIGHUP`);
    run.out('running until Ctrl-C or SIGTERM');
  }
  const why = await untilStopped(run, save);
  for (const s of started) await s.close();
  save();
  run.out(`cxlmi emulate: stopped (${why})`);
};
