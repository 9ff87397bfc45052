/** Help text helpers: every subcommand's `--help` ends with examples. */
import type { Command } from 'commander';

/** Adds an "Examples:" section to `cmd --help`. */
export function examples(cmd: Command, ...lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

/** Every command under `root` (depth first), with its path of names. */
export function walkCommands(root: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  return root.commands.flatMap((c) => {
    const p = [...path, c.name()];
    return [{ path: p, cmd: c }, ...walkCommands(c, p)];
  });
}
