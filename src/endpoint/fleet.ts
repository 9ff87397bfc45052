/** Running work across many endpoints at once, with bounded concurrency. */

export type Settled<T, R> = { item: T; ok: true; value: R } | { item: T; ok: false; error: unknown };

/**
 * Calls `fn` for every item with at most `concurrency` calls in flight; resolves with one
 * settled result per item, in input order. One failing item never stops the others.
 */
export async function mapSettled<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
  { concurrency = 64 }: { concurrency?: number } = {},
): Promise<Settled<T, R>[]> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('concurrency must be a positive integer');
  const out = new Array<Settled<T, R>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      try {
        out[i] = { item, ok: true, value: await fn(item, i) };
      } catch (error) {
        out[i] = { item, ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
