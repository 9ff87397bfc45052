/** Where the CLI reads and writes: the real process by default, buffers in tests. */
import type { EmulatedEndpointSpec } from '../emulator/topology.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stdout is a terminal (colours, tables for people). */
  stdoutTty?: boolean;
  /** stderr is a terminal (progress bars, prompts, coloured errors). */
  stderrTty?: boolean;
  /** Where confirmation answers are read from; its `isTTY` says whether a person can answer. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The terminal stream progress bars and prompts draw on (stderr). */
  terminal?: NodeJS.WritableStream;
  /** Environment (NO_COLOR). */
  env?: Record<string, string | undefined>;
  /** Where SIGINT (Ctrl-C) comes from; the process by default. */
  signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
  /** The devices `--emulate` opens (default: the emulator's default topology); tests prepare state here. */
  emulator?: () => EmulatedEndpointSpec[];
  /** Where `all` and "no target" look for memory devices (default /dev/cxl); tests point it elsewhere. */
  devRoot?: string;
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stdoutTty: Boolean(process.stdout.isTTY),
    stderrTty: Boolean(process.stderr.isTTY),
    // process.stdin is built on first use (a stream over fd 0): only prompts and `-` read it
    get stdin() {
      return process.stdin;
    },
    terminal: process.stderr,
    env: process.env,
    signals: process,
  };
}
