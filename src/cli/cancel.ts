/**
 * Ctrl-C: the first SIGINT fires an AbortSignal that long operations check *between* commands,
 * so the command in flight completes and the device is never left mid-command. A second SIGINT
 * gives up at once (exit 130).
 */
import { EXIT_CANCELLED } from './exit-codes.js';

export interface Cancellation {
  readonly signal: AbortSignal;
  /**
   * For commands that run until Ctrl-C (events follow, health --watch): what the first press
   * says instead of "stopping once the command in flight completes".
   */
  setStopMessage(text: string): void;
  /** Stops listening for SIGINT. */
  dispose(): void;
}

export function listenForCancel(
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'> | undefined,
  say: (text: string) => void,
  hardExit: (code: number) => void = (code) => process.exit(code),
): Cancellation {
  const ac = new AbortController();
  let message = 'stopping once the command in flight completes (Ctrl-C again to quit at once)';
  const setStopMessage = (text: string) => {
    message = text;
  };
  if (!signals) return { signal: ac.signal, setStopMessage, dispose() {} };
  const onSigint = () => {
    if (!ac.signal.aborted) {
      // Abort first: a progress bar listening stops drawing, so it never redraws over the message.
      ac.abort(new Error('interrupted by Ctrl-C'));
      say(`\ncxlmi: ${message}\n`);
      return;
    }
    hardExit(EXIT_CANCELLED);
  };
  signals.on('SIGINT', onSigint);
  return {
    signal: ac.signal,
    setStopMessage,
    dispose: () => signals.off('SIGINT', onSigint),
  };
}
