/**
 * Cancelling multi-command work at a command boundary. Ctrl-C (run.signal) only marks the wish;
 * the inner signal handed to a library helper fires when the helper reports progress, i.e. right
 * after a command completed, so the next command is refused before it is sent and the device is
 * never left mid-command. Helpers clean up on that abort (an aborted firmware transfer sends the
 * Abort action).
 */
export interface Boundary {
  /** Pass this as the helper's `signal`. */
  readonly signal: AbortSignal;
  /** Call from the helper's progress callback: fires `signal` when Ctrl-C was pressed. */
  reached(): void;
  /**
   * From now on the helper is only waiting (polling a background operation), with no command
   * whose interruption could harm the device: Ctrl-C fires `signal` at once.
   */
  onlyWaiting(): void;
  /** Stops listening to the outer signal. */
  dispose(): void;
}

export function atBoundary(outer: AbortSignal): Boundary {
  const ac = new AbortController();
  const now = () => {
    if (outer.aborted && !ac.signal.aborted) ac.abort(outer.reason);
  };
  let listening = false;
  return {
    signal: ac.signal,
    reached: now,
    onlyWaiting: () => {
      if (listening) return;
      listening = true;
      now();
      outer.addEventListener('abort', now, { once: true });
    },
    dispose: () => outer.removeEventListener('abort', now),
  };
}
