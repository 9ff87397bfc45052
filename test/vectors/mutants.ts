/**
 * Layout mutants for the mutation check: copies of a layout with two same-width fields swapped, or
 * one field moved a byte into a neighbouring reserved run, at every level (nested structs and the
 * elements of struct arrays too). Each mutant is a real layout, compiled like the original.
 */
import { type AnyCodec, type StructLayout, struct } from '../../src/protocol/layout/index.js';

export interface Mutant {
  /** What was changed, for the survivors' report (`layout.a <-> layout.b`). */
  readonly what: string;
  readonly layout: StructLayout;
}

type Entry = [string, AnyCodec];

function sizeOf(c: AnyCodec): number | undefined {
  return c.kind === 'optional' ? c.inner.size : c.size;
}

function rebuild(layout: StructLayout, entries: Entry[]): StructLayout {
  return struct(layout.name, Object.fromEntries(entries)) as unknown as StructLayout;
}

/** A codec with a nested layout replaced (struct, array of structs, optional of either). */
function withNested(c: AnyCodec, nested: StructLayout): AnyCodec {
  if (c.kind === 'struct') return nested as unknown as AnyCodec;
  if (c.kind === 'array') return { ...c, elem: nested as unknown as AnyCodec };
  if (c.kind === 'optional') return { ...c, inner: withNested(c.inner, nested) };
  throw new TypeError(`no nested layout in a ${c.kind} field`);
}

function nestedOf(c: AnyCodec): StructLayout | undefined {
  if (c.kind === 'struct') return c.layout;
  if (c.kind === 'array' && c.elem.kind === 'struct') return c.elem.layout;
  if (c.kind === 'optional') return nestedOf(c.inner);
  return undefined;
}

const reservedRun = (n: number): AnyCodec => ({ kind: 'reserved', n, size: n, minSize: n });

/** Every mutant of a layout. */
export function* mutantsOf(layout: StructLayout): Generator<Mutant> {
  const entries = Object.entries(layout.fields as Record<string, AnyCodec>);
  const name = layout.name;
  // swaps: two fields of the same fixed width trade places (names and codecs move together)
  for (let i = 0; i < entries.length; i++) {
    const [ka, ca] = entries[i];
    const wa = sizeOf(ca);
    if (ca.kind === 'reserved' || wa === undefined) continue;
    for (let j = i + 1; j < entries.length; j++) {
      const [kb, cb] = entries[j];
      if (cb.kind === 'reserved' || sizeOf(cb) !== wa) continue;
      // an optional() marker stays in place so the layout keeps a valid optional tail
      const next = entries.slice();
      next[i] = [
        kb,
        ca.kind === 'optional' && cb.kind !== 'optional' ? { ...ca, inner: cb } : stripOpt(cb, ca),
      ];
      next[j] = [
        ka,
        cb.kind === 'optional' && ca.kind !== 'optional' ? { ...cb, inner: ca } : stripOpt(ca, cb),
      ];
      yield { what: `${name}: ${ka} <-> ${kb}`, layout: rebuild(layout, next) };
    }
  }
  // shifts: a field moves one byte into the reserved run beside it
  for (let i = 0; i < entries.length; i++) {
    const [k, c] = entries[i];
    if (c.kind === 'reserved' || sizeOf(c) === undefined) continue;
    const after = entries[i + 1]?.[1];
    if (after?.kind === 'reserved' && after.n >= 1) {
      const next = entries.slice();
      next.splice(i, 2, ['__shift_pad', reservedRun(1)], [k, c], ...restRun(after.n - 1, entries[i + 1][0]));
      yield { what: `${name}: ${k} one byte later`, layout: rebuild(layout, next) };
    }
    const before = entries[i - 1]?.[1];
    if (before?.kind === 'reserved' && before.n >= 1) {
      const next = entries.slice();
      next.splice(
        i - 1,
        2,
        ...restRun(before.n - 1, entries[i - 1][0]),
        [k, c],
        ['__shift_pad', reservedRun(1)],
      );
      yield { what: `${name}: ${k} one byte earlier`, layout: rebuild(layout, next) };
    }
  }
  // the same, inside every nested layout
  for (let i = 0; i < entries.length; i++) {
    const [k, c] = entries[i];
    const nested = nestedOf(c);
    if (nested === undefined) continue;
    for (const m of mutantsOf(nested)) {
      const next = entries.slice();
      next[i] = [k, withNested(c, m.layout)];
      yield { what: `${name}.${k} > ${m.what}`, layout: rebuild(layout, next) };
    }
  }
}

/** Keeps optional()-ness with the position, not with the field that moved. */
function stripOpt(c: AnyCodec, atPosition: AnyCodec): AnyCodec {
  if (c.kind === 'optional' && atPosition.kind !== 'optional') return c.inner;
  if (c.kind === 'optional' && atPosition.kind === 'optional') return c;
  return c;
}

function restRun(n: number, key: string): Entry[] {
  return n > 0 ? [[key, reservedRun(n)]] : [];
}
