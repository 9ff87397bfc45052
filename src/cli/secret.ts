/**
 * Passphrases without putting them on the command line (where `ps` and shell history show them):
 * `--passphrase-file FILE` (or `-` for stdin), or a prompt that does not echo on a terminal. The
 * `--passphrase TEXT` form still works, for scripts that already hold the secret in a variable.
 */
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { CxlmiAbortError, CxlmiUsageError } from '../errors.js';
import type { Io } from './io.js';

export interface SecretSource {
  /** The option holding the text (`--passphrase`). */
  option: string;
  text: unknown;
  /** The option naming a file or `-` (`--passphrase-file`). */
  fileOption: string;
  file: unknown;
  /** What a prompt asks (`Passphrase`). */
  prompt: string;
  /** Ask twice and compare (a new passphrase). */
  repeat?: boolean;
  /** Without any source and without a terminal: this value instead of an error. */
  fallback?: string;
}

/** Reads all of a stream as UTF-8. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text;
}

/** The first line of a secret file or stdin, without its line end. */
async function fromFile(io: Io, option: string, file: string): Promise<string> {
  let text: string;
  if (file === '-') {
    if (!io.stdin) throw new CxlmiUsageError(`${option} -: there is no standard input`);
    text = await readAll(io.stdin);
  } else {
    text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new CxlmiUsageError(`cannot read ${option} ${file}: ${e.code ?? e.message}`);
    });
  }
  return text.split(/\r?\n/)[0];
}

/** Asks on the terminal; what is typed is not shown. */
export async function promptHidden(io: Io, question: string, signal?: AbortSignal): Promise<string> {
  const terminal = io.terminal ?? process.stderr;
  let muted = false;
  // Readline echoes through its output: let the question through, then swallow the echo.
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) terminal.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, output, terminal: true });
  const ac = new AbortController();
  rl.on('SIGINT', () => ac.abort());
  const onOuter = () => ac.abort();
  signal?.addEventListener('abort', onOuter, { once: true });
  try {
    const answer = rl.question(`${question}: `, { signal: ac.signal });
    muted = true;
    return await answer;
  } catch {
    throw new CxlmiAbortError(undefined, 'no passphrase given');
  } finally {
    signal?.removeEventListener('abort', onOuter);
    muted = false;
    terminal.write('\n');
    rl.close();
  }
}

/** The secret from whichever source was given; refuses two sources at once. */
export async function readSecret(io: Io, s: SecretSource, signal?: AbortSignal): Promise<string> {
  if (s.text !== undefined && s.file !== undefined)
    throw new CxlmiUsageError(`give ${s.option} or ${s.fileOption}, not both`);
  if (typeof s.text === 'string') return s.text;
  if (typeof s.file === 'string') return fromFile(io, s.fileOption, s.file);
  if (!io.stdin?.isTTY || !io.stderrTty) {
    if (s.fallback !== undefined) return s.fallback;
    throw new CxlmiUsageError(
      `${s.prompt.toLowerCase()} needed: give ${s.fileOption} FILE (or - for stdin), or run on a terminal to be asked`,
    );
  }
  const first = await promptHidden(io, s.prompt, signal);
  if (s.repeat && (await promptHidden(io, `${s.prompt} again`, signal)) !== first)
    throw new CxlmiUsageError('the two passphrases typed differ');
  return first;
}
