/** Context logging with syslog levels, as libcxlmi does (LOG_ERR = 3 … LOG_DEBUG = 7). */

export const LOG_EMERG = 0;
export const LOG_ALERT = 1;
export const LOG_CRIT = 2;
export const LOG_ERR = 3;
export const LOG_WARNING = 4;
export const LOG_NOTICE = 5;
export const LOG_INFO = 6;
export const LOG_DEBUG = 7;

export type LogSink = (level: number, message: string) => void;

/** Anything with a `write(string)` method: a stream, a file handle wrapper, an array collector. */
export interface Writable {
  write(text: string): unknown;
}

const NAMES = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];

export function toSink(target: LogSink | Writable | null | undefined): LogSink {
  if (typeof target === 'function') return target;
  const out: Writable = target ?? process.stderr;
  return (level, message) => {
    out.write(`cxlmi ${NAMES[level] ?? level}: ${message}\n`);
  };
}
