/** Process exit codes of the `cxlmi` command (documented in the README). */
import {
  CxlmiAbortError,
  CxlmiCommandError,
  CxlmiDecodeError,
  CxlmiProtocolError,
  CxlmiTransportError,
  CxlmiUsageError,
} from '../errors.js';

export const EXIT_OK = 0;
/** Anything unexpected. */
export const EXIT_FAILURE = 1;
/** Wrong arguments or options. */
export const EXIT_USAGE = 2;
/** The device could not be reached (open, permissions, timeout, kernel refusal). */
export const EXIT_TRANSPORT = 3;
/** The device answered with a failure return code. */
export const EXIT_DEVICE = 4;
/** The device's answer was malformed. */
export const EXIT_MALFORMED = 5;
/** Cancelled: Ctrl-C, or a confirmation answered "no" (128 + SIGINT, as shells report it). */
export const EXIT_CANCELLED = 130;

export function exitCodeFor(e: unknown): number {
  if (e instanceof CxlmiAbortError) return EXIT_CANCELLED;
  if (e instanceof CxlmiUsageError || e instanceof RangeError || e instanceof TypeError) return EXIT_USAGE;
  if (e instanceof CxlmiTransportError) return EXIT_TRANSPORT;
  if (e instanceof CxlmiCommandError) return EXIT_DEVICE;
  if (e instanceof CxlmiDecodeError || e instanceof CxlmiProtocolError) return EXIT_MALFORMED;
  return EXIT_FAILURE;
}
