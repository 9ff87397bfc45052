/**
 * `struct()` — a named, ordered set of fields compiled (once, on first use) into straight-line
 * encode / decode / size functions. Generated code reads and writes bytes directly, checks bounds
 * once per run of fixed-size fields, and builds each decoded object with one object literal so
 * every result of a layout has the same shape.
 */
import { CxlmiDecodeError } from '../../errors.js';
import type {
  AnyCodec,
  BitfieldCodec,
  BitsCodec,
  BitsFields,
  BitsView,
  InOf,
  OptionalCodec,
  OutOf,
} from './codecs.js';
import { type CompiledStruct, compileStruct } from './compile.js';

type Fields = Record<string, AnyCodec>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type PlainKeys<F> = {
  [K in keyof F]: F[K] extends { kind: 'reserved' | 'bits' | 'optional' } ? never : K;
}[keyof F];
type OptionalKeys<F> = { [K in keyof F]: F[K] extends { kind: 'optional' } ? K : never }[keyof F];
type BitfieldKeys<F> = { [K in keyof F]: F[K] extends { kind: 'bitfield' } ? K : never }[keyof F];
type ScaledName<K, C> = C extends { readonly suffix: infer X extends string } ? `${K & string}_${X}` : never;
type ScaledKeys<F> = {
  [K in keyof F]: F[K] extends { kind: 'optional' } ? never : ScaledName<K, F[K]>;
}[keyof F];
type OptionalScaledKeys<F> = {
  [K in keyof F]: F[K] extends OptionalCodec<infer I> ? ScaledName<K, I> : never;
}[keyof F];
type BitsGroups<F> = UnionToIntersection<
  { [K in keyof F]: F[K] extends BitsCodec<infer S> ? BitsFields<S> : never }[keyof F]
>;
type InnerOut<C> = C extends OptionalCodec<infer I> ? OutOf<I> : never;
type InnerIn<C> = C extends OptionalCodec<infer I> ? InOf<I> : never;
type ViewOf<C> = C extends BitfieldCodec<infer S> ? BitsView<S> : never;
type OrEmpty<T> = [T] extends [never] ? {} : unknown extends T ? {} : T;

/** The decoded value of a struct with fields F. */
export type StructOut<F> = Simplify<
  { [K in PlainKeys<F>]: OutOf<F[K]> } & { [K in OptionalKeys<F>]?: InnerOut<F[K]> } & {
    [K in BitfieldKeys<F> as `${K & string}_bits`]: ViewOf<F[K]>;
  } & { [K in ScaledKeys<F>]: bigint } & { [K in OptionalScaledKeys<F>]?: bigint } & OrEmpty<
      BitsGroups<F>
    > & {
      /** Bytes past the end of the layout (a newer spec revision's fields), when any arrived. */
      _extra?: Uint8Array;
    }
>;

/** What encode accepts: 64-bit fields also take numbers; trailing optional fields may be left out. */
export type StructIn<F> = Simplify<
  { [K in PlainKeys<F>]: InOf<F[K]> } & { [K in OptionalKeys<F>]?: InnerIn<F[K]> } & OrEmpty<BitsGroups<F>>
>;

export interface FieldInfo {
  name: string;
  kind: AnyCodec['kind'];
  /** Byte offset from the start of the struct, when it does not depend on earlier variable data. */
  offset: number | undefined;
  size: number | undefined;
  optional: boolean;
}

export class StructLayout<O = any, I = any> {
  readonly kind = 'struct' as const;
  readonly name: string;
  readonly fields: Readonly<Fields>;
  /** Fixed size in bytes, or undefined when the layout has variable or optional parts. */
  readonly size: number | undefined;
  /** Size of everything that must be present (the fixed part before any optional tail). */
  readonly minSize: number;
  /** Size with every optional field present, ignoring variable parts. */
  readonly fullFixedSize: number;
  declare readonly __o?: O;
  declare readonly __i?: I;
  #compiled: CompiledStruct | undefined;

  constructor(name: string, fields: Fields) {
    this.name = name;
    this.fields = fields;
    let fixed = true;
    let min = 0;
    let full = 0;
    let inTail = false;
    for (const [key, codec] of Object.entries(fields)) {
      if (codec.kind === 'optional') inTail = true;
      else if (inTail && codec.kind !== 'reserved') {
        throw new TypeError(`${name}.${key}: fields after an optional() field must be optional() too`);
      }
      if (codec.size === undefined) fixed = false;
      if (!inTail) min += codec.minSize;
      full += codec.size ?? codec.minSize;
    }
    this.size = fixed && !inTail ? min : undefined;
    this.minSize = min;
    this.fullFixedSize = full;
  }

  /** The generated functions (compiled on first use). */
  get compiled(): CompiledStruct {
    if (this.#compiled === undefined) this.#compiled = compileStruct(this);
    return this.#compiled;
  }

  /** Decodes a whole payload. `context` names the command in error messages. */
  decode(bytes: Uint8Array, context?: string): O {
    return this.decodeFrom(bytes, 0, bytes.length, context);
  }

  /**
   * Decodes the payload that starts at `start` in `bytes` (a whole received message, say) and ends
   * at `end` (default: the end of `bytes`), without making a view of it. Error offsets are relative
   * to `start`, as if the payload had been decoded on its own.
   */
  decodeFrom(bytes: Uint8Array, start: number, end: number = bytes.length, context?: string): O {
    return this.compiled.decodeFrom(bytes, start, end, context ?? this.name) as O;
  }

  /** Encodes a value into a new buffer of exactly the right size. */
  encode(value: I, context?: string): Uint8Array {
    return this.compiled.encode(value, context ?? this.name);
  }

  /**
   * Encodes into a new buffer that starts with `headroom` free (zero) bytes, for a message header
   * the caller writes in front: one allocation and no copy for header + payload.
   */
  encodeAfter(value: I, headroom: number, context?: string): Uint8Array {
    return this.compiled.encodeAfter(value, context ?? this.name, headroom);
  }

  /** Encoded size of a value. */
  sizeOf(value: I): number {
    return this.compiled.sizeOf(value);
  }

  /** A value with every field zero / empty (what the reference's structure constructors return). */
  zero(): O {
    return this.compiled.zero() as O;
  }

  /** Field names, offsets and sizes, for documentation and tools. */
  describe(): FieldInfo[] {
    const out: FieldInfo[] = [];
    let off: number | undefined = 0;
    for (const [name, codec] of Object.entries(this.fields)) {
      out.push({
        name,
        kind: codec.kind,
        offset: off,
        size: codec.size,
        optional: codec.kind === 'optional',
      });
      off = off === undefined || codec.size === undefined ? undefined : off + codec.size;
    }
    return out;
  }
}

export interface StructCodecOf<O, I> {
  readonly kind: 'struct';
  readonly layout: StructLayout<O, I>;
  readonly size: number | undefined;
  readonly minSize: number;
  readonly __o?: O;
  readonly __i?: I;
}

/** Declares a structure. Key order is wire order. The result is both a layout and a nestable field. */
export function struct<const F extends Fields>(
  name: string,
  fields: F,
): StructLayout<StructOut<F>, StructIn<F>> & StructCodecOf<StructOut<F>, StructIn<F>> {
  const layout = new StructLayout<StructOut<F>, StructIn<F>>(name, fields);
  Object.defineProperty(layout, 'layout', { value: layout, enumerable: false });
  return layout as StructLayout<StructOut<F>, StructIn<F>> & StructCodecOf<StructOut<F>, StructIn<F>>;
}

/** The decoded type of a layout. */
export type Infer<L> = L extends { readonly __o?: infer O } ? O : never;
/** The encodable type of a layout. */
export type InferIn<L> = L extends { readonly __i?: infer I } ? I : never;

/** Thrown by generated code; kept here so the error text is built in one place. */
export function decodeFailure(
  problem: string,
  context: string,
  field: string,
  offset: number,
  length: number,
) {
  return new CxlmiDecodeError(problem, { command: context, field, offset, length });
}
