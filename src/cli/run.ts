/** What every subcommand's action gets: the targets, output, prompts, progress and Ctrl-C. */
import type { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import type { CallOptions } from '../endpoint/options.js';
import { CxlmiCommandError } from '../errors.js';
import { CXLMI_RET_UNSUPPORTED } from '../protocol/retcodes.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';
import { confirm } from './confirm.js';
import { exitCodeFor } from './exit-codes.js';
import type { Io } from './io.js';
import { type Opened, openEach } from './open-each.js';
import { toJson } from './output.js';
import { type Progress, type ProgressOptions, startProgress } from './progress.js';
import { type RenderHints, render } from './render.js';
import { errorText } from './report-error.js';
import type { Style } from './style.js';
import { openTargets, type TargetOptions, tunnelFrom } from './target.js';

export interface GlobalOptions extends TargetOptions {
  json?: boolean;
  verbose?: boolean;
  yes?: boolean;
}

/** One endpoint's outcome in a multi-target command (`ep` is absent when it could not be opened). */
export type Outcome<T> =
  | { name: string; ep: Endpoint; ok: true; value: T }
  | { name: string; ep?: Endpoint; ok: false; error: unknown };

export interface Run {
  readonly ctx: Context;
  readonly opts: GlobalOptions;
  readonly io: Io;
  /** Colours for stdout text. */
  readonly style: Style;
  /** Fires on the first Ctrl-C: stop before the next command. */
  readonly signal: AbortSignal;
  /** Writes a line (or lines) to stdout. */
  out(text: string): void;
  /** Writes a status line to stderr (never mixes with --json on stdout). */
  note(text: string): void;
  /** Opens the targets from the command line (positional targets + --emulate/--scan). */
  endpoints(targets: string[]): Promise<Endpoint[]>;
  /** Opens each target on its own; one that cannot be opened is an entry with its error. */
  openEach(targets: string[]): Promise<Opened[]>;
  /** The tunnel the global options ask for, or null. */
  tunnel(): TunnelInfo | null;
  /** Per-call options for command methods: the tunnel. */
  call(): CallOptions;
  /** Asks before a destructive operation; throws unless confirmed (see confirm.ts). */
  confirm(action: string): Promise<void>;
  /** A progress bar on the terminal, silent elsewhere. */
  progress(o: ProgressOptions): Progress;
  /** Reports an error without stopping (one of several targets failed); sets the exit code. */
  fail(e: unknown, where?: string): void;
  /** Throws the abort reason if Ctrl-C was pressed. */
  checkCancelled(): void;
  /**
   * Declares that this command runs until Ctrl-C, which ends it normally (exit 0): on a terminal
   * it says what it waits for (`waiting`, unless the output says it already), and the first
   * Ctrl-C says it stopped.
   */
  untilCtrlC(waiting?: string): void;
}

export interface RunSetup {
  ctx: Context;
  opts: GlobalOptions;
  io: Io;
  style: Style;
  errStyle: Style;
  signal: AbortSignal;
  setExit(code: number): void;
  /** What the first Ctrl-C says (see Cancellation.setStopMessage). */
  setStopMessage?(text: string): void;
}

export function createRun(s: RunSetup): Run {
  const { io, opts } = s;
  const tunnel = () => tunnelFrom(opts);
  return {
    ctx: s.ctx,
    opts,
    io,
    style: s.style,
    signal: s.signal,
    out: (t) => io.stdout(t.endsWith('\n') ? t : `${t}\n`),
    note: (t) => io.stderr(t.endsWith('\n') ? t : `${t}\n`),
    endpoints: (targets) => openTargets(s.ctx, targets, opts, io.emulator),
    openEach: (targets) => openEach(s.ctx, targets, opts, io.emulator),
    tunnel,
    call: () => ({ tunnel: tunnel() }),
    confirm: (action) => confirm(action, { yes: Boolean(opts.yes), io, signal: s.signal }),
    progress: (o) => startProgress(io.terminal, Boolean(io.stderrTty), o, s.signal),
    fail: (e, where) => {
      io.stderr(errorText(e, Boolean(opts.verbose), s.errStyle, where));
      s.setExit(exitCodeFor(e));
    },
    checkCancelled: () => s.signal.throwIfAborted(),
    untilCtrlC: (waiting) => {
      s.setStopMessage?.('stopped (Ctrl-C)');
      if (waiting && io.stderrTty) io.stderr(`${s.errStyle.dim(`cxlmi: ${waiting}; Ctrl-C to stop`)}\n`);
    },
  };
}

/**
 * Runs `fn` on each target in turn and prints the results: with --json one value for one target,
 * or `[{endpoint, result} | {endpoint, error}]` for several; as text, each endpoint's name and
 * its rendered result. A failing endpoint among several is reported and the others go on.
 */
export async function perEndpoint<T>(
  run: Run,
  targets: string[],
  fn: (ep: Endpoint) => Promise<T>,
  text: RenderHints | ((value: T, ep: Endpoint) => string) = {},
): Promise<Outcome<T>[]> {
  const opened = await run.openEach(targets);
  const outcomes: Outcome<T>[] = [];
  for (const o of opened) {
    run.checkCancelled();
    if (!o.ep) {
      outcomes.push({ name: o.name, ok: false, error: o.error });
      continue;
    }
    try {
      outcomes.push({ name: o.name, ep: o.ep, ok: true, value: await fn(o.ep) });
    } catch (error) {
      if (opened.length === 1) throw error;
      outcomes.push({ name: o.name, ep: o.ep, ok: false, error });
    }
  }
  printOutcomes(run, dropUnsupported(run, outcomes), text);
  return outcomes;
}

/**
 * With several endpoints (--emulate topologies, --scan), one that answers Unsupported, or cannot
 * open the tunnel asked for, is not the kind of component the subcommand is for (`switch ports` on
 * a memory device, `--port 2` on a device that is not a switch): it is left out,
 * as long as another endpoint answered. `--verbose` says which were left out.
 */
const TUNNEL_OPCODE = 0x5300;

function dropUnsupported<T>(run: Run, outcomes: Outcome<T>[]): Outcome<T>[] {
  // Unsupported, or a tunnel (5300h) the endpoint cannot open: not the component asked for.
  const unsupported = (o: Outcome<T>) =>
    !o.ok &&
    o.error instanceof CxlmiCommandError &&
    (o.error.retcode === CXLMI_RET_UNSUPPORTED || o.error.opcode === TUNNEL_OPCODE);
  if (outcomes.length < 2 || !outcomes.some((o) => o.ok)) return outcomes;
  const kept = outcomes.filter((o) => !unsupported(o));
  if (run.opts.verbose) {
    for (const o of outcomes)
      if (unsupported(o)) run.note(`cxlmi: ${o.name}: left out (${(o as { error: Error }).error.message})`);
  }
  return kept;
}

export function printOutcomes<T>(
  run: Run,
  outcomes: Outcome<T>[],
  text: RenderHints | ((value: T, ep: Endpoint) => string) = {},
): void {
  if (run.opts.json) {
    if (outcomes.length === 1 && outcomes[0].ok) {
      run.out(toJson(outcomes[0].value ?? null));
    } else {
      run.out(
        toJson(
          outcomes.map((o) =>
            o.ok
              ? { endpoint: o.name, result: o.value ?? null }
              : { endpoint: o.name, error: errorJson(o.error) },
          ),
        ),
      );
    }
  }
  for (const o of outcomes) {
    if (!o.ok) {
      run.fail(o.error, outcomes.length > 1 ? o.name : undefined);
      continue;
    }
    if (run.opts.json) continue;
    const body =
      typeof text === 'function'
        ? text(o.value, o.ep)
        : render(o.value, { color: run.style.enabled, ...text }, 2);
    run.out(body ? `${run.style.bold(o.ep.description)}\n${body}` : run.style.bold(o.ep.description));
  }
}

function errorJson(e: unknown): { code: string; message: string } {
  const err = e as { code?: unknown; message?: unknown };
  return {
    code: typeof err?.code === 'string' ? err.code : 'CXLMI_ERR_UNKNOWN',
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
}
