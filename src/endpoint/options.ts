import type { TunnelInfo } from '../transport/tunnel-info.js';

/** Per-call options every command method accepts as its last argument. */
export interface CallOptions {
  /** Where to tunnel the command; null or absent for the endpoint itself. */
  tunnel?: TunnelInfo | null;
  /** Overrides the endpoint's timeout for this call (ms; 0 = wait forever). */
  timeoutMs?: number;
  /** Cancels the call. */
  signal?: AbortSignal;
}

export interface EndpointOptions {
  /** Default timeout for commands on this endpoint, in ms (0 = wait forever). */
  timeoutMs?: number;
}

/** Default command timeout, as libcxlmi's MCTP endpoints use. */
export const DEFAULT_TIMEOUT_MS = 5000;
