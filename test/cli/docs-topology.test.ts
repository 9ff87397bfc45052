/** docs/emulator-topology.md: its example file loads, its output is real, its commands run. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli } from './run-cli.js';

const doc = readFileSync(new URL('../../docs/emulator-topology.md', import.meta.url), 'utf8');
const block = (lang: string) => {
  const m = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  assert.ok(m, `docs/emulator-topology.md has a ${lang} block`);
  return m[1];
};
const file = join(mkdtempSync(join(tmpdir(), 'cxlmi-topo-')), 'lab.json');
writeFileSync(file, block('json'));

describe('docs/emulator-topology.md', () => {
  it('the example topology gives the fabric tree shown', async () => {
    const [prompt, ...shown] = block('text').split('\n');
    assert.equal(prompt, '$ cxlmi --emulate=lab.json fabric');
    const r = await cli([`--emulate=${file}`, 'fabric']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trimEnd(), shown.join('\n'));
  });

  it('every command it suggests runs against the example', async () => {
    const lines = block('sh').split('\n');
    assert.ok(lines.length >= 3);
    for (const line of lines) {
      const argv = line.replace(/#.*$/, '').trim().split(/\s+/).slice(1);
      const r = await cli(argv.map((a) => (a === '--emulate=lab.json' ? `--emulate=${file}` : a)));
      assert.equal(r.code, 0, `${line}\n${r.err}`);
      assert.equal(r.err, '', line);
    }
  });

  it('is linked from the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    assert.match(readme, /\[docs\/emulator-topology\.md\]\(docs\/emulator-topology\.md\)/);
  });
});
