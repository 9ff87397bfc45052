/** A delay that an AbortSignal cuts short with CxlmiAbortError. */
import { CxlmiAbortError } from '../errors.js';
import { onAbort } from './abort-listeners.js';

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new CxlmiAbortError(undefined, signal.reason));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      unlisten?.();
      resolve();
    }, ms);
    // One listener per signal however many endpoints wait on it (abort-listeners.ts).
    const unlisten = signal
      ? onAbort(signal, () => {
          clearTimeout(t);
          reject(new CxlmiAbortError(undefined, signal.reason));
        })
      : undefined;
  });
}
