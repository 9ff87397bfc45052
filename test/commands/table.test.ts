import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyCommand } from '../../src/commands/define.js';
import {
  commandsByMethod,
  commandsByName,
  commandsByOpcode,
  commandTable,
} from '../../src/commands/table.js';

describe('command table', () => {
  it('has unique opcodes, names and methods (the indexes would have thrown otherwise)', () => {
    const variants = (commandTable as readonly AnyCommand[]).filter((c) => c.sharesOpcode);
    assert.equal(commandsByOpcode.size, commandTable.length - variants.length);
    for (const v of variants)
      assert.notEqual(commandsByOpcode.get(v.opcode), undefined, `${v.name} has a primary`);
    assert.equal(commandsByName.size, commandTable.length);
    assert.equal(commandsByMethod.size, commandTable.length);
  });

  it('places each command in the set its opcode says', () => {
    const setOf = (op: number) => {
      const hi = op >> 8;
      if (hi <= 0x06) return 'generic'; // 06h Maintenance joined the generic sets in r3.2
      if (hi >= 0x40 && hi <= 0x4f) return 'memdev';
      if (hi >= 0x51 && hi <= 0x5f) return 'fmapi';
      return 'vendor';
    };
    for (const c of commandTable as readonly AnyCommand[]) {
      assert.equal(c.set, setOf(c.opcode), c.name);
      assert.equal(c.fmapi, c.set === 'fmapi', c.name);
      assert.match(c.name, /^[a-z0-9_]+$/, 'libcxlmi names are snake_case');
      assert.match(c.method, /^[a-z][A-Za-z0-9]*$/, 'methods are camelCase');
    }
  });

  it('declares the Background Operation effect exactly for the commands that may run in the background', () => {
    // CXL r3.1 §8.2.9.5.2.1, Table 8-75 (Command Effects Log entry): bit 6, Background Operation.
    // The CEL has one entry per opcode: where declarations share an opcode (Media Operations'
    // Discovery and Sanitize/Zero), the bit is set when any of them runs in the background.
    const BACKGROUND_OPERATION = 1 << 6;
    const all = commandTable as readonly AnyCommand[];
    for (const c of all) {
      const background = all.some((o) => o.opcode === c.opcode && o.background);
      assert.equal(((c.effects ?? 0) & BACKGROUND_OPERATION) !== 0, background, c.name);
    }
  });
});
