/**
 * `cxlmi emulate --listen PATH`: the emulator as a long-running lab device. One process holds the
 * emulated devices (and their state) and serves them to any number of cxlmi clients
 * (`emu:PATH`, `emu:PATH#NAME`) until SIGINT or SIGTERM; `--state FILE` keeps a lab across restarts.
 *
 * Each way of serving is a Server built from the same devices (see `servers` below): adding one
 * (MCTP serial, say) is one more entry there and one more option.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Lab, type LabTopology, readTopologySource } from '../../emulator/service/lab.js';
import { serveEmulator } from '../../emulator/service/serve.js';
import { CxlmiUsageError } from '../../errors.js';
import { resetEmuDevices } from '../../transport/emu/emu-link.js';
import { parseEmuTarget } from '../emu-target.js';
import { examples } from '../help.js';
import { toJson } from '../output.js';
import type { Wrap } from '../program.js';
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
  state?: string;
  latency?: string;
}

/** The servers an `emulate` command line asks for, in the order they start. */
const servers: {
  option: keyof EmulateOptions;
  start(lab: Lab, where: string, o: { latencyMs: number; journal: boolean }): Promise<Server>;
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
];

function latencyOf(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 60_000)
    throw new CxlmiUsageError('--latency takes a number of milliseconds from 0 to 60000');
  return Number(text);
}

/** The lab to serve: the state file's when it exists, else a fresh one of the topology given. */
function openLab(run: Run, source: string | undefined, stateFile: string | undefined): Lab {
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
  return new Lab(topology ?? 'default');
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

export function registerEmulate(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('emulate')
      .description(
        'run the emulator as a lab device: serve its devices on a unix socket until Ctrl-C/SIGTERM (clients use emu:PATH)',
      )
      .argument(
        '[topology]',
        '"fabric" (the built-in fabric) or a topology JSON file; default: one Type 3 device',
      )
      .option('--listen <path>', 'serve the devices on this unix socket (clients: emu:PATH, emu:PATH#NAME)')
      .option(
        '--state <file>',
        'load the lab from this file at start (if it exists) and save it there on exit and on SIGHUP',
      )
      .option('--latency <ms>', 'delay every reply by this long (one command at a time per device)')
      .option(
        '--reset <target>',
        'instead of serving: reset devices of a running service (emu:PATH or emu:PATH#NAME), as a power cycle would',
      ),
    'cxlmi emulate --listen lab.sock   # until Ctrl-C',
    'cxlmi emulate fabric --listen fabric.sock --state fabric-lab.json   # until Ctrl-C',
    'cxlmi list emu:lab.sock',
    'cxlmi emulate --reset emu:lab.sock#type3',
  ).action(
    wrap(async (run, args, raw) => {
      const o = raw as EmulateOptions;
      if (o.reset !== undefined) return reset(run, o.reset);
      const source = args[0] ?? run.opts.topology;
      if (!servers.some((s) => o[s.option] !== undefined))
        throw new CxlmiUsageError('say where to serve the devices: --listen PATH (a unix socket)');
      const latencyMs = latencyOf(o.latency);
      const lab = openLab(run, source, o.state);
      const started: Server[] = [];
      try {
        for (const s of servers) {
          const where = o[s.option];
          if (where !== undefined)
            started.push(await s.start(lab, where, { latencyMs, journal: o.state !== undefined }));
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
      run.note(`cxlmi emulate: stopped (${why})`);
    }),
  );
}
