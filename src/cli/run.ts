/** What every subcommand's action gets: the targets, output, prompts, progress and Ctrl-C. */

import { commandsByMethod } from '../commands/table.js';
import type { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import type { CallOptions } from '../endpoint/options.js';
import { CxlmiAbortError, CxlmiCommandError } from '../errors.js';
import { CXLMI_RET_UNSUPPORTED } from '../protocol/retcodes.js';
import type { TunnelInfo } from '../transport/tunnel-info.js';
import type { BigintMode } from './bigint-mode.js';
import { confirm, isConfirmationError } from './confirm.js';
import { exitCodeFor } from './exit-codes.js';
import type { Io } from './io.js';
import { narrow, narrowEndpoints, onlyOne } from './narrow.js';
import { type Opened, openEach } from './open-each.js';
import { toJson } from './output.js';
import { type Progress, type ProgressOptions, startProgress } from './progress.js';
import { pathOf, reach } from './reach.js';
import { type RenderHints, render } from './render.js';
import { errorText } from './report-error.js';
import type { Style } from './style.js';
import { openTargets, type TargetOptions, tunnelFrom } from './target.js';

export interface GlobalOptions extends TargetOptions {
  json?: boolean;
  /** How --json writes 64-bit values (see output.ts). */
  bigint?: BigintMode;
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
  /** A --json document as text, 64-bit values written as --bigint says; `indent` 0 for one line. */
  json(value: unknown, indent?: number): string;
  /** Writes a status line to stderr (never mixes with --json on stdout). */
  note(text: string): void;
  /** Writes a status line to stderr with --verbose only. */
  verboseNote(text: string): void;
  /**
   * Opens the targets from the command line (positional targets + --emulate/--scan), narrowed to
   * those the tunnel flag fits (see narrow.ts).
   */
  endpoints(targets: string[]): Promise<Endpoint[]>;
  /** Opens each target on its own (one that cannot be opened is an entry with its error), narrowed. */
  openEach(targets: string[]): Promise<Opened[]>;
  /**
   * What a command on `ep` reaches, for prompts and results: the whole path and what answered
   * there (`emulator:switch0 → port 1 (Type 3, serial 0x…)`) once perEndpoint has identified it,
   * else the endpoint's description.
   */
  label(ep: Endpoint): string;
  /** Remembers the label of `ep` (perEndpoint does this). */
  setLabel(ep: Endpoint, label: string): void;
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
  // Checked once, before anything opens: a bad --port is one usage error, not one per endpoint.
  let parsed: { t: TunnelInfo | null } | undefined;
  const tunnel = () => {
    parsed ??= { t: tunnelFrom(opts) };
    return parsed.t;
  };
  const note = (t: string) => {
    if (opts.verbose) io.stderr(t.endsWith('\n') ? t : `${t}\n`);
  };
  const labels = new WeakMap<Endpoint, string>();
  return {
    ctx: s.ctx,
    opts,
    io,
    style: s.style,
    signal: s.signal,
    out: (t) => io.stdout(t.endsWith('\n') ? t : `${t}\n`),
    json: (value, indent = 2) => toJson(value, indent, opts.bigint ?? 'number'),
    note: (t) => io.stderr(t.endsWith('\n') ? t : `${t}\n`),
    verboseNote: note,
    endpoints: async (targets) => {
      const t = tunnel(); // a bad --port is a usage error before anything opens
      return narrowEndpoints(await openTargets(s.ctx, targets, opts, io.emulator), t, note);
    },
    openEach: async (targets) => {
      const t = tunnel();
      return narrow(await openEach(s.ctx, targets, opts, io.emulator), t, note);
    },
    label: (ep) => labels.get(ep) ?? ep.description,
    setLabel: (ep, label) => labels.set(ep, label),
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

export interface PerEndpointOptions {
  /**
   * The command changes device state (a short phrase: `sanitize`, `set the timestamp`): it goes to
   * exactly one target, identified (path, serial, component type) before `fn` runs.
   */
  changes?: string;
  /**
   * The method of the state-changing command (`sanitize`, `bindVppb`): among several targets, only
   * those that take its opcode (from their own reports) are kept before the one-target rule.
   */
  sends?: string;
  /** The opcode, when the command is not one from the table (`raw`). */
  opcode?: number;
}

/**
 * Runs `fn` on each target in turn and prints the results: with --json one value for one target,
 * or `[{endpoint, result} | {endpoint, error}]` for several; as text, each endpoint's name and
 * its rendered result. A failing endpoint among several is reported and the others go on.
 * With a tunnel (or for a state-changing command) each target is first identified through it,
 * and results and errors name the whole path and what answered there.
 */
export async function perEndpoint<T>(
  run: Run,
  targets: string[],
  fn: (ep: Endpoint) => Promise<T>,
  text: RenderHints | ((value: T, ep: Endpoint) => string) = {},
  o: PerEndpointOptions = {},
): Promise<Outcome<T>[]> {
  let opened = await run.openEach(targets);
  const named = opened.length;
  const tunnel = run.tunnel();
  if (o.changes !== undefined) {
    const opcode = o.sends === undefined ? o.opcode : commandsByMethod.get(o.sends)?.opcode;
    if (o.sends !== undefined && opcode === undefined)
      throw new Error(`no command has the method ${o.sends}`);
    opened = await onlyOne(o.changes, opcode, opened, tunnel, run.verboseNote);
  }
  const identifyFirst = tunnel !== null || o.changes !== undefined;
  const outcomes: Outcome<T>[] = [];
  for (const entry of opened) {
    run.checkCancelled();
    if (!entry.ep) {
      outcomes.push({ name: entry.name, ok: false, error: entry.error });
      continue;
    }
    const ep = entry.ep;
    let name = identifyFirst ? pathOf(ep, tunnel) : entry.name;
    try {
      if (identifyFirst) {
        const r = await reach(ep, tunnel, run.signal);
        run.setLabel(ep, r.label);
        name = r.label;
      }
      outcomes.push({ name, ep, ok: true, value: await fn(ep) });
    } catch (error) {
      // About the whole command, not this target: not confirmed, or Ctrl-C.
      if (isConfirmationError(error) || error instanceof CxlmiAbortError) throw error;
      // One target named, no tunnel: the error alone says it (a JSON `{error}` document); with a
      // tunnel, or one chosen among several, it is reported with its path.
      if (named === 1 && !tunnel) throw error;
      outcomes.push({ name, ep, ok: false, error });
    }
  }
  printOutcomes(run, dropUnsupported(run, outcomes), text);
  return outcomes;
}

/**
 * With several endpoints (--emulate topologies, --scan), one that answers Unsupported is not the
 * kind of component the subcommand is for (`switch ports` on a memory device): it is left out,
 * as long as another endpoint answered. `--verbose` says which were left out.
 */
function dropUnsupported<T>(run: Run, outcomes: Outcome<T>[]): Outcome<T>[] {
  // Unsupported: not the component asked for. (A tunnel that cannot be opened is not dropped: the
  // targets were narrowed to those the tunnel flag fits, so its error is reported with the hop.)
  const unsupported = (o: Outcome<T>) =>
    !o.ok && o.error instanceof CxlmiCommandError && o.error.retcode === CXLMI_RET_UNSUPPORTED;
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
    if (outcomes.length === 1) {
      // One target: its result, or its error alone (with the path it was reached by).
      const [o] = outcomes;
      run.out(run.json(o.ok ? (o.value ?? null) : { endpoint: o.name, error: errorJson(o.error) }));
    } else {
      run.out(
        run.json(
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
      run.fail(o.error, outcomes.length > 1 || o.name !== o.ep?.description ? o.name : undefined);
      continue;
    }
    if (run.opts.json) continue;
    const body =
      typeof text === 'function'
        ? text(o.value, o.ep)
        : render(o.value, { color: run.style.enabled, ...text }, 2);
    run.out(body ? `${run.style.bold(o.name)}\n${body}` : run.style.bold(o.name));
  }
}

/** An error as --json documents carry it: its stable code and its one-line message. */
export function errorJson(e: unknown): { code: string; message: string } {
  const err = e as { code?: unknown; message?: unknown };
  return {
    code: typeof err?.code === 'string' ? err.code : 'CXLMI_ERR_UNKNOWN',
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
}
