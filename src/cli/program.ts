/** The `cxlmi` program: global options, subcommand registration, and error → exit code. */
import { Command, CommanderError, Option } from 'commander';
import { Context } from '../endpoint/context.js';
import { LOG_DEBUG, LOG_WARNING } from '../endpoint/log.js';
import { listenForCancel } from './cancel.js';
import { registrations } from './commands/index.js';
import { EXIT_USAGE, exitCodeFor } from './exit-codes.js';
import { exampleLines } from './help.js';
import { type Io, processIo } from './io.js';
import { errorText } from './report-error.js';
import { createRun, type GlobalOptions, type Run } from './run.js';
import { styleFor } from './style.js';

export type { Io } from './io.js';
export type { GlobalOptions, Run } from './run.js';

export type Action = (run: Run, args: string[], cmdOpts: Record<string, unknown>) => Promise<void>;
export type Wrap = (a: Action) => (...args: any[]) => Promise<void>;
export type Register = (program: Command, wrap: Wrap) => void;

export function buildProgram(io: Io = processIo(), onExit: (code: number) => void = () => {}): Command {
  const program = new Command('cxlmi')
    .description(
      'Manage CXL devices through their Component Command Interface (kernel mailbox, MCTP, emulator)',
    )
    .option('--emulate', 'use the built-in device emulator (--emulate=FILE for a topology file)')
    .addOption(new Option('--topology <file>', 'emulator topology file').hideHelp())
    .addOption(new Option('--emulate-latency <ms>', 'delay of every emulated response').hideHelp())
    .option('--scan', 'every CXL endpoint mctpd knows (MCTP over D-Bus)')
    .option('--port <n>', 'tunnel through this switch downstream port')
    .option('--ld <n>', 'tunnel to this logical device of an MLD')
    .option('--mhd', "tunnel to a multi-headed device's LD-pool CCI")
    .option('--timeout <ms>', 'command timeout in milliseconds')
    .option('--json', 'machine-readable JSON output (see docs/cli-json.md)')
    .option('-y, --yes', 'do destructive operations without asking')
    .option('-v, --verbose', 'more detail on errors')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  program.addHelpText(
    'after',
    `\nExamples:\n${exampleLines([
      'cxlmi --emulate identify',
      'cxlmi --emulate=fabric list',
      'cxlmi health emu:lab.sock --json',
    ])
      .map((l) => `  ${l}`)
      .join('\n')}\n\n` +
      'Exit codes: 0 ok, 1 unexpected, 2 usage, 3 transport, 4 device return code, 5 malformed answer, 130 cancelled.\n',
  );

  const env = io.env ?? {};
  const errStyle = styleFor(io.stderrTty, env);
  const wrap: Wrap = (action) =>
    async function (this: Command, ...raw: unknown[]) {
      const cmd = raw[raw.length - 1] as Command;
      const cmdOpts = raw[raw.length - 2] as Record<string, unknown>;
      const args = raw.slice(0, -2).flat() as string[];
      const opts = cmd.optsWithGlobals() as GlobalOptions;
      const ctx = new Context({ probe: false, logLevel: opts.verbose ? LOG_DEBUG : LOG_WARNING });
      const cancel = listenForCancel(io.signals, io.stderr);
      const run = createRun({
        ctx,
        opts,
        io,
        style: styleFor(io.stdoutTty, env),
        errStyle,
        signal: cancel.signal,
        setExit: (code) => onExit(code),
        setStopMessage: cancel.setStopMessage,
      });
      try {
        await action(run, args, cmdOpts);
      } catch (e) {
        io.stderr(errorText(e, Boolean(opts.verbose), errStyle));
        onExit(exitCodeFor(e));
      } finally {
        cancel.dispose();
        await ctx.close();
      }
    };

  for (const register of registrations) register(program, wrap);
  return program;
}

/** `--emulate=FILE` → `--emulate --topology FILE`, so a bare `--emulate` never swallows the next word. */
function splitEmulate(argv: string[]): string[] {
  return argv.flatMap((a) =>
    a.startsWith('--emulate=') ? ['--emulate', '--topology', a.slice('--emulate='.length)] : [a],
  );
}

/** Parses argv and runs; resolves with the exit code. */
export async function runCli(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    if (code === 0) code = c;
  });
  try {
    await program.parseAsync(splitEmulate(argv), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    throw e;
  }
  return code;
}
