/**
 * Confirmation for destructive operations: `--yes` goes ahead; otherwise a person at a terminal
 * is asked, and without a terminal the operation is refused before anything is sent.
 */
import { createInterface } from 'node:readline/promises';
import { CxlmiAbortError, CxlmiUsageError } from '../errors.js';
import type { Io } from './io.js';

export interface ConfirmOptions {
  /** `--yes` was given. */
  yes: boolean;
  io: Io;
  /** Ctrl-C while asking. */
  signal?: AbortSignal;
}

/** Confirmation is needed and there is no terminal to ask on (exit 2, before anything is sent). */
export class NotConfirmedError extends CxlmiUsageError {}

/** The answer was not yes (or Ctrl-C while asking). */
export function notConfirmed(): CxlmiAbortError {
  return new CxlmiAbortError(undefined, 'not confirmed');
}

/** Whether `e` is a refused or impossible confirmation: about the whole command, not one target. */
export function isConfirmationError(e: unknown): boolean {
  return e instanceof NotConfirmedError || (e instanceof CxlmiAbortError && e.cause === 'not confirmed');
}

/**
 * Resolves when the user agreed to `action` (a short phrase: "sanitize emulator:type3, erasing
 * all user data"); throws CxlmiUsageError without a terminal and `--yes`, CxlmiAbortError when
 * the answer is not yes.
 */
export async function confirm(action: string, o: ConfirmOptions): Promise<void> {
  if (o.yes) return;
  const stdin = o.io.stdin;
  if (!stdin?.isTTY || !o.io.stderrTty) {
    throw new NotConfirmedError(`not confirmed: add --yes to ${action} (there is no terminal to ask on)`);
  }
  const rl = createInterface({ input: stdin, output: o.io.terminal ?? process.stderr, terminal: true });
  // In raw mode Ctrl-C reaches readline as a key, not as a signal: treat it as "no".
  const ac = new AbortController();
  rl.on('SIGINT', () => ac.abort());
  const onOuter = () => ac.abort();
  o.signal?.addEventListener('abort', onOuter, { once: true });
  let answer = '';
  try {
    answer = await rl.question(`About to ${action}.\nContinue? [y/N] `, { signal: ac.signal });
  } catch {
    throw notConfirmed();
  } finally {
    o.signal?.removeEventListener('abort', onOuter);
    rl.close();
  }
  if (!/^\s*y(es)?\s*$/i.test(answer)) throw notConfirmed();
}
