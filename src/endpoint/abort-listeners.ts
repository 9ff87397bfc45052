/**
 * One 'abort' listener per AbortSignal, however many commands wait on it. A signal shared by a
 * whole sweep (one Ctrl-C for a thousand endpoints) would otherwise collect a listener per
 * command in flight or queued, and Node warns (MaxListenersExceededWarning) past ten. The
 * listener is removed again when nothing waits, so a long-lived signal keeps none.
 */
interface Waiters {
  readonly fns: Set<() => void>;
  readonly listener: () => void;
}

const waiting = new WeakMap<AbortSignal, Waiters>();

/** Calls `fn` once when `signal` aborts; the function returned stops that (call it when done). */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let w = waiting.get(signal);
  if (!w) {
    const fns = new Set<() => void>();
    const listener = () => {
      waiting.delete(signal);
      for (const f of fns) f();
      fns.clear();
    };
    w = { fns, listener };
    waiting.set(signal, w);
    signal.addEventListener('abort', listener, { once: true });
  }
  const own = w;
  // A wrapper, so the same function registered twice is two registrations.
  const entry = () => fn();
  own.fns.add(entry);
  return () => {
    if (!own.fns.delete(entry) || own.fns.size > 0) return;
    signal.removeEventListener('abort', own.listener);
    if (waiting.get(signal) === own) waiting.delete(signal);
  };
}
