import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';

describe('cxlmi in a pipeline', () => {
  it('exits quietly when the reader goes away (EPIPE), like `cxlmi --help | head -1`', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--emulate', 'list', '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.destroy(); // the reader is gone before the first write
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, err);
    assert.doesNotMatch(err, /EPIPE|Unhandled/);
  });
});
