/**
 * Field kinds of the layout language. Each constructor returns a small descriptor; `struct()`
 * (in struct.ts) compiles a set of them into encode/decode functions once. The phantom `__o` / `__i`
 * members carry the decoded (output) and encodable (input) TypeScript types.
 */
import type { StructLayout } from './struct.js';

interface Base<O, I> {
  /** Fixed size in bytes, or undefined when it depends on the data. */
  readonly size: number | undefined;
  /** Smallest encoding. */
  readonly minSize: number;
  readonly __o?: O;
  readonly __i?: I;
}

export interface IntCodec<O extends number | bigint = number | bigint> extends Base<O, O | number> {
  readonly kind: 'int';
  readonly width: 1 | 2 | 3 | 4 | 8;
  readonly signed: boolean;
}
/**
 * An integer in some unit (256 MiB capacity units, 64-byte lines, …): the wire value under its
 * key, plus `<key>_<suffix>` = value × factor when decoded as a struct field.
 */
export interface ScaledCodec<X extends string = string> extends IntCodec<bigint> {
  readonly factor: bigint;
  readonly suffix: X;
}
export interface ReservedCodec extends Base<never, never> {
  readonly kind: 'reserved';
  readonly n: number;
}
export interface BytesCodec extends Base<Uint8Array, Uint8Array> {
  readonly kind: 'bytes';
  readonly n?: number;
  readonly count?: string;
  readonly rest?: boolean;
}
export interface StrCodec extends Base<string, string> {
  readonly kind: 'str';
  readonly n: number;
}
export interface UuidCodec extends Base<string, string> {
  readonly kind: 'uuid';
}
export interface ArrayCodec<E extends AnyCodec = AnyCodec> extends Base<OutOf<E>[], InOf<E>[]> {
  readonly kind: 'array';
  readonly elem: E;
  readonly n?: number;
  readonly count?: string;
  readonly rest?: boolean;
}
export type BitSpec = number | readonly [shift: number, width: number];
export type BitSpecs = Record<string, BitSpec>;
type BitValue<S extends BitSpec> = S extends number ? boolean : number;
export type BitsView<S extends BitSpecs> = { [K in keyof S]: BitValue<S[K]> };
export type BitsFields<S extends BitSpecs> = { [K in keyof S]: number };

/** A C bit-field group: sub-fields are flattened into the parent struct. */
export interface BitsCodec<S extends BitSpecs = BitSpecs> extends Base<never, never> {
  readonly kind: 'bits';
  readonly base: IntCodec<number>;
  readonly fields: S;
}
/** A whole integer (libcxlmi's byte-wide field) plus a decoded `<key>_bits` view. */
export interface BitfieldCodec<S extends BitSpecs = BitSpecs> extends Base<number, number> {
  readonly kind: 'bitfield';
  readonly base: IntCodec<number>;
  readonly fields: S;
  readonly __view?: BitsView<S>;
}
/** Marks the first field of a revision-dependent tail: it and every later field may be absent. */
export interface OptionalCodec<C extends AnyCodec = AnyCodec> extends Base<OutOf<C> | undefined, InOf<C>> {
  readonly kind: 'optional';
  readonly inner: C;
}
export interface StructCodec<O = any, I = any> extends Base<O, I> {
  readonly kind: 'struct';
  readonly layout: StructLayout<O, I>;
}

export type AnyCodec =
  | IntCodec<any>
  | ReservedCodec
  | BytesCodec
  | StrCodec
  | UuidCodec
  | ArrayCodec<any>
  | BitsCodec<any>
  | BitfieldCodec<any>
  | OptionalCodec<any>
  | StructCodec<any, any>;

export type OutOf<C> = C extends { readonly __o?: infer O } ? O : never;
export type InOf<C> = C extends { readonly __i?: infer I } ? I : never;

function int<O extends number | bigint>(width: 1 | 2 | 3 | 4 | 8, signed: boolean): IntCodec<O> {
  return { kind: 'int', width, signed, size: width, minSize: width };
}

export const u8: IntCodec<number> = int(1, false);
export const u16: IntCodec<number> = int(2, false);
export const u24: IntCodec<number> = int(3, false);
export const u32: IntCodec<number> = int(4, false);
export const u64: IntCodec<bigint> = int(8, false);
export const s8: IntCodec<number> = int(1, true);
export const s16: IntCodec<number> = int(2, true);
export const s32: IntCodec<number> = int(4, true);
export const s64: IntCodec<bigint> = int(8, true);

function checkCount(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`${what} needs a non-negative integer size, got ${n}`);
}

/**
 * A 64-bit count of `factor`-sized units. Decoding a struct also yields `<key>_<suffix>`
 * (default `_bytes`), the value times `factor`; encoding uses the unit count only.
 */
export function scaled<const X extends string = 'bytes'>(
  base: IntCodec<bigint>,
  factor: bigint,
  suffix: X = 'bytes' as X,
): ScaledCodec<X> {
  if (factor <= 0n) throw new RangeError('scaled() needs a positive factor');
  if (!/^[A-Za-z0-9_]+$/.test(suffix))
    throw new RangeError(`scaled() suffix must be an identifier, got ${suffix}`);
  return { ...base, factor, suffix };
}

/** `n` bytes that must be zero on encode and are skipped on decode. */
export function reserved(n: number): ReservedCodec {
  checkCount('reserved()', n);
  return { kind: 'reserved', n, size: n, minSize: n };
}

/**
 * Raw bytes: a fixed count, a count taken from an earlier field, or everything left in the payload.
 * Decoding returns a view into the received buffer (no copy).
 */
export function bytes(spec: number | { count: string } | 'rest'): BytesCodec {
  if (typeof spec === 'number') {
    checkCount('bytes()', spec);
    return { kind: 'bytes', n: spec, size: spec, minSize: spec };
  }
  if (spec === 'rest') return { kind: 'bytes', rest: true, size: undefined, minSize: 0 };
  return { kind: 'bytes', count: spec.count, size: undefined, minSize: 0 };
}

/** Fixed-size ASCII text, NUL padded. */
export function str(n: number): StrCodec {
  checkCount('str()', n);
  return { kind: 'str', n, size: n, minSize: n };
}

/** A 16-byte UUID, as the canonical lowercase string with the bytes in wire order. */
export const uuid: UuidCodec = { kind: 'uuid', size: 16, minSize: 16 };

/** `n` elements of a fixed-size codec. */
export function array<E extends AnyCodec>(elem: E, n: number): ArrayCodec<E> {
  checkCount('array()', n);
  if (elem.size === undefined) throw new RangeError('array() elements must have a fixed size');
  return { kind: 'array', elem, n, size: elem.size * n, minSize: elem.size * n };
}

/**
 * Elements whose count is an earlier field's value, or as many as the remaining payload holds.
 * Either way the count is checked against the bytes that arrived before anything is allocated.
 */
export function varArray<E extends AnyCodec>(elem: E, spec: { count: string } | 'rest'): ArrayCodec<E> {
  if (spec === 'rest') {
    if (elem.size === undefined || elem.size === 0) {
      throw new RangeError("varArray(…, 'rest') elements must have a fixed, non-zero size");
    }
    return { kind: 'array', elem, rest: true, size: undefined, minSize: 0 };
  }
  return { kind: 'array', elem, count: spec.count, size: undefined, minSize: 0 };
}

function checkBits(base: IntCodec<any>, fields: BitSpecs): void {
  if (base.width > 4) throw new RangeError('bit fields are limited to 32-bit bases');
  for (const [name, spec] of Object.entries(fields)) {
    const [shift, width] = typeof spec === 'number' ? [spec, 1] : spec;
    if (!Number.isInteger(shift) || !Number.isInteger(width) || width < 1 || shift + width > base.width * 8) {
      throw new RangeError(
        `bit field ${name} [${shift}, ${width}] does not fit a ${base.width * 8}-bit base`,
      );
    }
  }
}

/** C bit-fields sharing one integer; each becomes a numeric field of the parent struct. */
export function bits<const S extends BitSpecs>(base: IntCodec<number>, fields: S): BitsCodec<S> {
  checkBits(base, fields);
  return { kind: 'bits', base, fields, size: base.width, minSize: base.width };
}

/** The whole integer under the field's own key, plus a decoded `<key>_bits` view. */
export function bitfield<const S extends BitSpecs>(base: IntCodec<number>, fields: S): BitfieldCodec<S> {
  checkBits(base, fields);
  return { kind: 'bitfield', base, fields, size: base.width, minSize: base.width };
}

/** This field and every one after it may be missing from a response of an older spec revision. */
export function optional<C extends AnyCodec>(inner: C): OptionalCodec<C> {
  return { kind: 'optional', inner, size: inner.size, minSize: inner.minSize };
}
