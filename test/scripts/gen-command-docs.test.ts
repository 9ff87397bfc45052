import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { render } from '../../scripts/gen-command-docs.js';
import type { AnyCommand } from '../../src/commands/define.js';
import { commandTable } from '../../src/commands/table.js';

describe('docs/commands.md', () => {
  const text = render();

  it('lists every command of the table with its opcode and compat name', () => {
    for (const c of commandTable as readonly AnyCommand[]) {
      const hex = c.opcode.toString(16).toUpperCase().padStart(4, '0');
      assert.match(text, new RegExp(`\\| ${hex}h +\\| ${c.title} +\\| \`${c.compatName}\``), c.name);
    }
  });

  it('says which emulated devices implement each command, from the devices themselves', () => {
    assert.match(text, /\| 0201h +\| Transfer FW .*\| bg +\| type3 +\|/);
  });

  it('is current (run npm run docs:commands after changing the table or the emulator)', () => {
    assert.equal(readFileSync(new URL('../../docs/commands.md', import.meta.url), 'utf8'), text);
  });
});
