import { CxlmiAbortError, CxlmiError } from '../../errors.js';

/**
 * What a wait rejects with when its signal fires: the endpoint aborts with the error it reports
 * (a timeout or the caller's abort), so that error is passed on; any other reason is wrapped.
 */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof CxlmiError ? signal.reason : new CxlmiAbortError(undefined, signal.reason);
}
