/** The `cxlmi` program: global options, subcommand registration, and error → exit code. */
import { Command, CommanderError, Option } from 'commander';
import { Context } from '../endpoint/context.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { LOG_DEBUG, LOG_WARNING } from '../endpoint/log.js';
import { registerCaps } from './commands/caps.js';
import { registerExporter } from './commands/exporter.js';
import { registerIdentify } from './commands/identify.js';
import { registerList } from './commands/list.js';
import { EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import { openTargets, type TargetOptions, tunnelFrom } from './target.js';

export interface GlobalOptions extends TargetOptions {
  json?: boolean;
  verbose?: boolean;
}

/** What a subcommand's action receives. */
export interface Run {
  ctx: Context;
  opts: GlobalOptions;
  /** Writes to stdout. */
  out(text: string): void;
  /** Opens the targets from the command line (positional targets + --emulate/--scan). */
  endpoints(targets: string[]): Promise<Endpoint[]>;
  tunnel(): ReturnType<typeof tunnelFrom>;
}

export type Action = (run: Run, args: string[], cmdOpts: Record<string, unknown>) => Promise<void>;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export function buildProgram(io: Io = defaultIo, onExit: (code: number) => void = () => {}): Command {
  const program = new Command('cxlmi')
    .description(
      'Manage CXL devices through their Component Command Interface (kernel mailbox, MCTP, emulator)',
    )
    .option('--emulate', 'use the built-in device emulator (--emulate=FILE for a topology file)')
    .addOption(new Option('--topology <file>', 'emulator topology file').hideHelp())
    .option('--scan', 'every CXL endpoint mctpd knows (MCTP over D-Bus)')
    .option('--port <n>', 'tunnel through this switch downstream port')
    .option('--ld <n>', 'tunnel to this logical device of an MLD')
    .option('--mhd', "tunnel to a multi-headed device's LD-pool CCI")
    .option('--timeout <ms>', 'command timeout in milliseconds')
    .option('--json', 'machine-readable JSON output')
    .option('-v, --verbose', 'more detail on errors')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const wrap = (action: Action) =>
    async function (this: Command, ...raw: unknown[]) {
      const cmd = raw[raw.length - 1] as Command;
      const cmdOpts = raw[raw.length - 2] as Record<string, unknown>;
      const args = raw.slice(0, -2).flat() as string[];
      const opts = cmd.optsWithGlobals() as GlobalOptions;
      const ctx = new Context({ probe: false, logLevel: opts.verbose ? LOG_DEBUG : LOG_WARNING });
      const run: Run = {
        ctx,
        opts,
        out: (t) => io.stdout(t.endsWith('\n') ? t : `${t}\n`),
        endpoints: (targets) => openTargets(ctx, targets, opts),
        tunnel: () => tunnelFrom(opts),
      };
      try {
        await action(run, args, cmdOpts);
      } catch (e) {
        const err = e as Error;
        io.stderr(`cxlmi: ${err.message}\n`);
        if (opts.verbose && err.stack) io.stderr(`${err.stack}\n`);
        if (opts.verbose && err.cause) io.stderr(`caused by: ${String(err.cause)}\n`);
        onExit(exitCodeFor(e));
      } finally {
        await ctx.close();
      }
    };

  registerIdentify(program, wrap);
  registerList(program, wrap);
  registerExporter(program, wrap);
  registerCaps(program, wrap);
  return program;
}

/** `--emulate=FILE` → `--emulate --topology FILE`, so a bare `--emulate` never swallows the next word. */
function splitEmulate(argv: string[]): string[] {
  return argv.flatMap((a) =>
    a.startsWith('--emulate=') ? ['--emulate', '--topology', a.slice('--emulate='.length)] : [a],
  );
}

/** Parses argv and runs; resolves with the exit code. */
export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(splitEmulate(argv), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    throw e;
  }
  return code;
}
