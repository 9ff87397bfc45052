/**
 * A struct layout whose decoded value is passed through a view function: the wire format stays
 * exactly the layout's, and decoding adds fields computed from it (event records decoded by UUID,
 * for instance). Encoding, sizes and `zero()` are the plain layout's.
 */
import { StructLayout } from '../../protocol/layout/index.js';

class ViewLayout<O, I, V> extends StructLayout<V, I> {
  readonly #view: (value: O) => V;

  constructor(base: StructLayout<O, I>, view: (value: O) => V) {
    super(base.name, base.fields as never);
    this.#view = view;
    Object.defineProperty(this, 'layout', { value: this, enumerable: false });
  }

  override decodeFrom(bytes: Uint8Array, start: number, end: number = bytes.length, context?: string): V {
    return this.#view(super.decodeFrom(bytes, start, end, context) as unknown as O);
  }
}

/** `base` with `view` applied to every decoded value. */
export function withView<O, I, V>(base: StructLayout<O, I>, view: (value: O) => V): StructLayout<V, I> {
  return new ViewLayout(base, view);
}
