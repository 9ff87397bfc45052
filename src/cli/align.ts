/**
 * Columns of plain text aligned as cli-table3 draws them without borders (output.ts): each column
 * as wide as its widest cell, cells padded on the right, two spaces between columns. Only for
 * cells of printable ASCII, where one character is one column; anything else (colour codes, wide
 * or combining characters, line breaks) is left to cli-table3: the answer is then undefined.
 * Loading cli-table3 and drawing its first table costs more CPU than the rest of printing
 * `cxlmi identify`; test/cli/align.test.ts checks the two agree.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function alignPlain(rows: readonly (readonly unknown[])[]): string | undefined {
  const columns = rows[0]?.length ?? 0;
  if (columns === 0) return undefined;
  // at least one column wide, as cli-table3's layout makes every column
  const widths: number[] = new Array(columns).fill(1);
  for (const row of rows) {
    if (row.length !== columns) return undefined;
    for (let i = 0; i < columns; i++) {
      const cell = row[i];
      if (typeof cell !== 'string' || !PRINTABLE_ASCII.test(cell)) return undefined;
      if (cell.length > widths[i]) widths[i] = cell.length;
    }
  }
  return rows.map((row) => row.map((cell, i) => (cell as string).padEnd(widths[i])).join('  ')).join('\n');
}
