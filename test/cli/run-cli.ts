/** Runs the CLI in-process with captured output (no terminal unless the test says so). */
import type { Io } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(argv: string[], io: Partial<Io> = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    env: {},
    ...io,
  });
  return { code, out, err };
}
