/** Help text helpers: every subcommand's `--help` ends with examples. */
import type { Command } from 'commander';

/**
 * The lab services examples may use (docs/emulator-service.md): an example naming `emu:lab.sock`
 * or `emu:fabric.sock` runs against the service started by this command, in the same directory.
 */
export const EXAMPLE_LABS: Readonly<Record<string, string>> = {
  'lab.sock': 'cxlmi emulate --listen lab.sock',
  'fabric.sock': 'cxlmi emulate fabric --listen fabric.sock',
};

/**
 * The lines of an "Examples:" section: before the first line that uses a lab service, a comment
 * saying which service to start first (the examples after it are steps on that one device).
 */
export function exampleLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  const started = new Set<string>();
  for (const l of lines) {
    for (const [sock, start] of Object.entries(EXAMPLE_LABS)) {
      if (!started.has(sock) && l.includes(`emu:${sock}`) && !l.startsWith('#')) {
        started.add(sock);
        out.push(`# steps on one lab device; start it first, in another terminal (${start}):`);
      }
    }
    out.push(l);
  }
  return out;
}

/** Adds an "Examples:" section to `cmd --help`. */
export function examples(cmd: Command, ...lines: string[]): Command {
  return cmd.addHelpText(
    'after',
    `\nExamples:\n${exampleLines(lines)
      .map((l) => `  ${l}`)
      .join('\n')}\n`,
  );
}

/** Every command under `root` (depth first), with its path of names. */
export function walkCommands(root: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  return root.commands.flatMap((c) => {
    const p = [...path, c.name()];
    return [{ path: p, cmd: c }, ...walkCommands(c, p)];
  });
}
