/** The README's library snippets run as written (imports from the package resolve to src/ via tsconfig paths). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function snippet(containing: string): string {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  const found = blocks.find((b) => b.includes(containing));
  assert.ok(found, `no README ts block contains ${containing}`);
  return found;
}

describe('README snippets', () => {
  it('the emulated fabric from code: defaultFabric().endpoints() + emulatorTransport', async () => {
    const file = fileURLToPath(new URL('./.readme-fabric.tmp.ts', import.meta.url));
    writeFileSync(file, snippet('defaultFabric().endpoints()'));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', file]);
      assert.equal(stdout.trim(), '[ 4, 5 ] 5569901605941149697n');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
