/**
 * Running one subcommand's action: the per-command context (endpoints, cancellation, output that
 * remembers whether anything was printed) and the error → message + exit code rule. Loaded when a
 * subcommand runs, not by `--help`: it brings in the library.
 */
import type { Command } from 'commander';
import { Context } from '../endpoint/context.js';
import { LOG_DEBUG, LOG_WARNING } from '../endpoint/log.js';
import { listenForCancel } from './cancel.js';
import { READ_ONLY_SUBCOMMANDS } from './every-device.js';
import { exitCodeFor } from './exit-codes.js';
import type { Io } from './io.js';
import { toJson } from './output.js';
import type { Action } from './program.js';
import { errorText } from './report-error.js';
import { createRun, errorJson, type GlobalOptions } from './run.js';
import { type Style, styleFor } from './style.js';

/** What the program gives every action it runs. */
export interface Invocation {
  io: Io;
  env: Record<string, string | undefined>;
  errStyle: Style;
  onExit: (code: number) => void;
}

/** `ld qos show` for the command `show` under `qos` under `ld`. */
function commandPath(cmd: Command): string[] {
  const path: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) path.unshift(c.name());
  return path;
}

export async function invoke(
  { io, env, errStyle, onExit }: Invocation,
  action: Action,
  args: string[],
  cmdOpts: Record<string, unknown>,
  cmd: Command,
): Promise<void> {
  const opts = cmd.optsWithGlobals() as GlobalOptions;
  opts.everyDeviceWhenNone = READ_ONLY_SUBCOMMANDS.has(commandPath(cmd).join(' '));
  if (io.devRoot !== undefined) opts.devRoot = io.devRoot;
  const ctx = new Context({ probe: false, logLevel: opts.verbose ? LOG_DEBUG : LOG_WARNING });
  const cancel = listenForCancel(io.signals, io.stderr);
  // With --json, stdout must hold a JSON document even when the command fails before printing
  // one (a single target that fails): remember whether anything was printed.
  let printed = false;
  // (inherits the rest of io rather than copying it: process stdin stays unopened until read)
  const runIo: Io = Object.create(io, {
    stdout: {
      value: (t: string) => {
        printed = true;
        io.stdout(t);
      },
    },
  });
  const run = createRun({
    ctx,
    opts,
    io: runIo,
    style: styleFor(io.stdoutTty, env),
    errStyle,
    signal: cancel.signal,
    setExit: (code) => onExit(code),
    setStopMessage: cancel.setStopMessage,
  });
  try {
    await action(run, args, cmdOpts, cmd);
  } catch (e) {
    if (opts.json && !printed) io.stdout(`${toJson({ error: errorJson(e) })}\n`);
    io.stderr(errorText(e, Boolean(opts.verbose), errStyle));
    onExit(exitCodeFor(e));
  } finally {
    cancel.dispose();
    await ctx.close();
  }
}
