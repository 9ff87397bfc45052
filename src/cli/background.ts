/**
 * Waiting for a background operation the CLI started (sanitize, secure erase, scan media, media
 * operations, FW activation), with a progress bar. Ctrl-C stops the waiting after the status
 * poll in flight; the operation itself goes on in the device, which the message says.
 */
import { type BackgroundResult, checkBackgroundResult } from '../endpoint/background-wait.js';
import type { Endpoint } from '../endpoint/endpoint.js';
import { CxlmiAbortError } from '../errors.js';
import { atBoundary } from './boundary.js';
import type { Run } from './run.js';

export async function waitWithBar(
  run: Run,
  ep: Endpoint,
  command: string,
  title: string,
): Promise<BackgroundResult> {
  const bar = run.progress({ title, total: 100, unit: 'percent' });
  const boundary = atBoundary(run.signal);
  try {
    const done = await ep.waitForBackgroundOperation({
      ...run.call(),
      signal: boundary.signal,
      onProgress: (p) => {
        bar.update(p.percent);
        boundary.reached();
      },
    });
    bar.update(100);
    checkBackgroundResult(command, done);
    return done;
  } catch (e) {
    if (e instanceof CxlmiAbortError)
      throw new CxlmiAbortError(e.opcode, `stopped waiting; ${title} goes on in ${ep.description}`);
    throw e;
  } finally {
    bar.stop();
  }
}

/** Runs a background-capable command and, when the device started it in the background, waits. */
export async function runAndWait(
  run: Run,
  ep: Endpoint,
  command: string,
  title: string,
  start: () => Promise<{ background: boolean }>,
): Promise<{ background: boolean; percent: number }> {
  const r = await start();
  if (!r.background) return { background: false, percent: 100 };
  const done = await waitWithBar(run, ep, command, title);
  return { background: true, percent: done.percent };
}
