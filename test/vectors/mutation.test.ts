/**
 * The layout mutation check: every mutant of every vectored layout (two same-width fields swapped,
 * a field moved one byte into a reserved neighbour; at every nesting level) must make that layout's
 * vectors fail. Survivors are listed in the failure message; there must be none.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StructLayout } from '../../src/protocol/layout/index.js';
import { reserved, struct, u8, u16 } from '../../src/protocol/layout/index.js';
import { allVectors } from './index.js';
import { mutantsOf } from './mutants.js';
import { checkVector, type LayoutVector } from './vector.js';

function survivors(vectors: readonly LayoutVector[]): { survivors: string[]; mutants: number } {
  const byLayout = new Map<StructLayout, LayoutVector[]>();
  for (const v of vectors) byLayout.set(v.layout, [...(byLayout.get(v.layout) ?? []), v]);
  const out: string[] = [];
  let mutants = 0;
  for (const [layout, vs] of byLayout) {
    for (const m of mutantsOf(layout)) {
      mutants++;
      if (vs.every((v) => checkVector(m.layout, v) === undefined)) out.push(m.what);
    }
  }
  return { survivors: out, mutants };
}

describe('layout mutation check', () => {
  it('kills every mutant of every layout with a vector', (t) => {
    const r = survivors(allVectors);
    t.diagnostic(`${r.mutants} layout mutants, ${r.survivors.length} survivors`);
    assert.ok(r.mutants > 0);
    assert.deepEqual(
      r.survivors,
      [],
      `${r.survivors.length} of ${r.mutants} mutants survived:\n${r.survivors.join('\n')}`,
    );
  });

  it('reports a survivor when a vector repeats a value, and kills it when the values differ', () => {
    const l = struct('t', { a: u8, rsvd: reserved(1), b: u8, c: u16 }) as unknown as StructLayout;
    const weak = { layout: l, source: 'test', hex: '04 00 04 02 01', value: { a: 4, b: 4, c: 0x0102 } };
    assert.deepEqual(survivors([weak]).survivors, ['t: a <-> b']);
    const strong = { layout: l, source: 'test', hex: '04 00 05 02 01', value: { a: 4, b: 5, c: 0x0102 } };
    assert.deepEqual(survivors([strong]), { survivors: [], mutants: 3 });
  });
});
