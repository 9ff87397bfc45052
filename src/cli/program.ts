/** The `cxlmi` program: global options, subcommand registration, and error → exit code. */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { BIGINT_MODES } from './bigint-mode.js';
import { registrations } from './commands/index.js';
import { EXIT_USAGE } from './exit-codes.js';
import { exampleLines, walkCommands } from './help.js';
import { type Io, processIo } from './io.js';
import type { Run } from './run.js';
import { styleFor } from './style.js';
import { parseTarget } from './target-syntax.js';

export type { Io } from './io.js';
export type { GlobalOptions, Run } from './run.js';

/** A subcommand's implementation; `cmd` is the commander command it runs as. */
export type Action = (
  run: Run,
  args: string[],
  cmdOpts: Record<string, unknown>,
  cmd: Command,
) => Promise<void>;
/**
 * Loads a subcommand's implementation when it runs (`() => import('../actions/fw.js').then((m) =>
 * m.runUpdate)`): registering a subcommand (name, arguments, options, help) costs no more than
 * that, so `--help`, `--version` and the other subcommands do not load it.
 */
export type LoadAction = () => Promise<Action>;
export type Wrap = (load: LoadAction) => (...args: any[]) => Promise<void>;
/**
 * A subcommand that only prints text about the CLI itself (`completion`): it needs no device, so
 * it runs without the per-command context (and the library) that `wrap` sets up.
 */
export type TextAction = (args: string[], cmd: Command) => string;
export type Print = (load: () => Promise<TextAction>) => (...args: any[]) => Promise<void>;
export type Register = (program: Command, wrap: Wrap, print: Print) => void;

/** The package's version (package.json sits two levels up from both src/cli and dist/cli). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export function buildProgram(
  io: Io = processIo(),
  onExit: (code: number) => void = () => {},
  argv: readonly string[] = [],
): Command {
  const program = new Command('cxlmi')
    .version(packageVersion(), '-V, --version', 'print the version of cxlmi and exit')
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
    .addOption(
      new Option(
        '--bigint <mode>',
        '64-bit values in --json: exact numbers, or decimal strings for jq 1.6 / JSON.parse',
      )
        .choices(BIGINT_MODES)
        .default('number'),
    )
    .option('-y, --yes', 'do destructive operations without asking')
    .option('-v, --verbose', 'more detail on errors')
    // every subcommand's --help lists the global options it accepts, as nvme-cli's do
    .configureHelp({ showGlobalOptions: true })
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
  const wrap: Wrap = (load) =>
    async function (this: Command, ...raw: unknown[]) {
      const cmd = raw[raw.length - 1] as Command;
      const cmdOpts = raw[raw.length - 2] as Record<string, unknown>;
      const args = raw.slice(0, -2).flat() as string[];
      const [{ invoke }, action] = await Promise.all([import('./invoke.js'), load()]);
      await invoke({ io, env, errStyle, onExit }, action, args, cmdOpts, cmd);
    };

  const print: Print = (load) =>
    async function (this: Command, ...raw: unknown[]) {
      const cmd = raw[raw.length - 1] as Command;
      const cmdOpts = raw[raw.length - 2] as Record<string, unknown>;
      const args = raw.slice(0, -2).flat() as string[];
      const action = await load();
      let text: string;
      try {
        text = action(args, cmd);
      } catch (e) {
        // reported as every subcommand reports a failure
        const { invoke } = await import('./invoke.js');
        await invoke({ io, env, errStyle, onExit }, () => Promise.reject(e), args, cmdOpts, cmd);
        return;
      }
      io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    };

  for (const register of registrations) register(program, wrap, print);
  // Parser errors: one line in the `cxlmi: …` form of every other error, pointing at the --help of
  // the command the error is about (not the whole help text, as commander does by default).
  const names = new Set(program.commands.map((c) => c.name()));
  for (const { path, cmd } of [{ path: [] as string[], cmd: program }, ...walkCommands(program)]) {
    cmd.configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(parserError(text, path, argv, names, errStyle.red('cxlmi:'))),
    });
  }
  return program;
}

/**
 * commander's `error: unknown option '--x'` → `cxlmi: unknown option '--x' (see 'cxlmi fw --help')`.
 * A target given before the subcommand (`cxlmi mem9 identify`) says where targets go.
 */
export function parserError(
  text: string,
  path: readonly string[],
  argv: readonly string[],
  subcommands: ReadonlySet<string>,
  prefix = 'cxlmi:',
): string {
  const message = text
    .trim()
    .replace(/^error:\s*/, '')
    .replace(/\s*\n\s*/g, ' ');
  const help = `see '${['cxlmi', ...path, '--help'].join(' ')}'`;
  const unknown = /^unknown command '([^']*)'/.exec(message);
  if (path.length === 0 && unknown && looksLikeTarget(unknown[1])) {
    const word = unknown[1];
    const i = argv.indexOf(word);
    const next = argv.slice(i + 1).find((a) => subcommands.has(a));
    const example = next ? `'cxlmi ${next} ${word}'` : `'cxlmi identify ${word}'`;
    return `${prefix} '${word}' is a target: targets come after the subcommand, as in ${example} (${help})\n`;
  }
  return `${prefix} ${message} (${help})\n`;
}

function looksLikeTarget(word: string): boolean {
  if (word === 'all') return true;
  try {
    parseTarget(word);
    return true;
  } catch {
    return false;
  }
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
  const program = buildProgram(
    io,
    (c) => {
      if (code === 0) code = c;
    },
    argv,
  );
  try {
    await program.parseAsync(splitEmulate(argv), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    throw e;
  }
  return code;
}
