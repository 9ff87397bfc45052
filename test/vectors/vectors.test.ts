/**
 * The table-wide vector test: every request and response layout of every command has a
 * hand-written vector whose fields all hold distinct values, and every vector decodes to its value
 * and encodes back to its bytes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allVectors } from './index.js';
import { tableLayouts } from './layouts.js';
import { checkVector, distinctProblems } from './vector.js';

describe('layout vectors', () => {
  for (const v of allVectors) {
    it(`${v.layout.name}${v.note ? ` (${v.note})` : ''}: decodes to its value and encodes back`, () => {
      const problem = checkVector(v.layout, v);
      assert.equal(problem, undefined, problem);
    });
  }

  it('every layout in the command table has a vector, and every vector is for a table layout', () => {
    const layouts = tableLayouts();
    const covered = new Set(allVectors.map((v) => v.layout));
    const missing = layouts
      .filter((t) => !covered.has(t.layout))
      .map((t) => `${t.layout.name} (${t.uses.join('; ')})`);
    assert.deepEqual(missing, [], `layouts without a vector:\n${missing.join('\n')}`);
    const known = new Set(layouts.map((t) => t.layout));
    const stray = allVectors.filter((v) => !known.has(v.layout)).map((v) => v.layout.name);
    assert.deepEqual(stray, [], 'vectors for layouts no command uses');
  });

  it('every layout has a vector whose same-width fields all hold distinct values', () => {
    const bad: string[] = [];
    for (const t of tableLayouts()) {
      const mine = allVectors.filter((v) => v.layout === t.layout);
      if (mine.length === 0) continue; // reported by the coverage test
      const results = mine.map((v) => distinctProblems(t.layout, v));
      if (results.every((p) => p.length > 0)) bad.push(...results[0]);
    }
    assert.deepEqual(bad, [], `vectors repeating a value:\n${bad.join('\n')}`);
  });

  it('the distinct-value rule sees a repeated value and a repeated byte', async () => {
    const { struct, u8, u16 } = await import('../../src/protocol/layout/index.js');
    const l = struct('t', { a: u8, b: u8, c: u16 });
    assert.deepEqual(
      distinctProblems(l, { layout: l, source: '', hex: '', value: { a: 1, b: 2, c: 0x0403 } }),
      [],
    );
    assert.equal(
      distinctProblems(l, { layout: l, source: '', hex: '', value: { a: 4, b: 4, c: 0x0403 } }).length,
      1,
    );
    assert.equal(
      distinctProblems(l, { layout: l, source: '', hex: '', value: { a: 1, b: 2, c: 0x0404 } }).length,
      1,
    );
  });
});
