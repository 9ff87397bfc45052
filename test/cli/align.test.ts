/**
 * Plain-ASCII tables are aligned by align.ts without loading cli-table3: the text must be exactly
 * what cli-table3 draws with the CLI's borderless style, for any cells.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type TableType from 'cli-table3';
import fc from 'fast-check';
import { alignPlain } from '../../src/cli/align.js';
import { keyValues, table } from '../../src/cli/output.js';

const Table = createRequire(import.meta.url)('cli-table3') as typeof TableType;
const NO_BORDER = Object.fromEntries(
  ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right']
    .concat(['left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid'])
    .map((k) => [k, '']),
);

/** What cli-table3 draws (output.ts's style), trailing blanks trimmed as output.ts does. */
function drawn(rows: string[][], head?: string[]): string {
  const t = new Table({
    ...(head ? { head } : {}),
    chars: { ...NO_BORDER, middle: '  ' },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  t.push(...rows);
  return t.toString().replace(/[ \t]+$/gm, '');
}

const ascii = fc.string({
  unit: fc.constantFrom(...' -./0123456789:abcxyzABC_()[]%~') as fc.Arbitrary<string>,
  maxLength: 12,
});
const grid = fc
  .integer({ min: 1, max: 4 })
  .chain((cols) =>
    fc.array(fc.array(ascii, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }),
  );

test('key/value rows of printable ASCII: the same text as cli-table3', () => {
  fc.assert(
    fc.property(grid, (rows) => {
      assert.equal(keyValues(rows as [string, string][]), drawn(rows));
    }),
    { numRuns: 500 },
  );
});

test('tables with a header row of printable ASCII: the same text as cli-table3', () => {
  fc.assert(
    fc.property(grid, (all) => {
      const [head, ...rows] = all;
      assert.equal(table(head, rows), drawn(rows, head));
    }),
    { numRuns: 500 },
  );
});

test('cells that are not one column per character are left to cli-table3', () => {
  for (const cell of ['\u001b[1mbold\u001b[22m', '42 °C', '漢字', 'two\nlines', 'tab\there']) {
    assert.equal(alignPlain([['key', cell]]), undefined, cell);
    assert.equal(keyValues([['key', cell]]), drawn([['key', cell]]), cell);
  }
  assert.equal(alignPlain([]), undefined);
  assert.equal(alignPlain([['a', 'b'], ['c']]), undefined);
  assert.equal(keyValues([['', 'x']]), drawn([['', 'x']])); // an empty column is one wide
});
