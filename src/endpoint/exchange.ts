/** One request through a transport, bounded by a timeout and the caller's AbortSignal. */
import { CxlmiAbortError, CxlmiError, CxlmiTimeoutError, CxlmiTransportError } from '../errors.js';
import type { CciRequest, CciResponse, Transport } from '../transport/transport.js';

export function exchange(
  transport: Transport,
  req: CciRequest,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<CciResponse> {
  if (signal?.aborted) return Promise.reject(new CxlmiAbortError(req.opcode, signal.reason));
  const ac = new AbortController();
  return new Promise<CciResponse>((resolve, reject) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (done) return;
      finish();
      const err = new CxlmiAbortError(req.opcode, signal?.reason);
      ac.abort(err);
      reject(err);
    };
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        if (done) return;
        finish();
        const err = new CxlmiTimeoutError(req.opcode, timeoutMs, transport.kind);
        ac.abort(err);
        reject(err);
      }, timeoutMs);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    let pending: Promise<CciResponse>;
    try {
      pending = transport.request(req, { signal: ac.signal, timeoutMs });
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending.then(
      (rsp) => {
        if (done) return;
        finish();
        resolve(rsp);
      },
      (e: unknown) => {
        if (done) return;
        finish();
        reject(
          e instanceof CxlmiError
            ? e
            : new CxlmiTransportError(
                `${transport.kind} transport failed: ${(e as Error)?.message ?? String(e)}`,
                {
                  transport: transport.kind,
                  opcode: req.opcode,
                  cause: e,
                },
              ),
        );
      },
    );
  });
}
