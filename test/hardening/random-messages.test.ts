/**
 * Random responses through the whole endpoint stack: most carry a valid header (right tag, opcode
 * and length) so they reach the payload decoders. Every call must end in a decoded result or one
 * of our typed errors — nothing else, no hang, no crash.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnyCommand } from '../../src/commands/define.js';
import { commandTable } from '../../src/commands/table.js';
import { Context } from '../../src/endpoint/context.js';
import { CxlmiError } from '../../src/errors.js';
import { MessageTransport } from '../../src/transport/message-link.js';
import { requestOf, ScriptedLink } from '../helpers/links.js';

/** xorshift32: reproducible randomness for a harness that must be cheap per message. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const COUNT = Number(process.env.CXLMI_RANDOM_MESSAGES ?? 100_000);

describe('random responses through the endpoint stack', () => {
  it(`${COUNT} responses: only decoded results and typed errors`, async () => {
    const rand = rng(0xc0ffee);
    const byte = () => Math.floor(rand() * 256);
    const link = new ScriptedLink((m) => {
      const { tag, opcode } = requestOf(m);
      const len = rand() < 0.5 ? Math.floor(rand() * 48) : Math.floor(rand() * 600);
      const payload = Array.from({ length: len }, byte);
      const r = rand();
      const out = Uint8Array.from([
        r < 0.97 ? 1 : byte(),
        r < 0.95 ? tag : byte(),
        0,
        r < 0.95 ? opcode & 0xff : byte(),
        r < 0.95 ? opcode >> 8 : byte(),
        len & 0xff,
        (len >> 8) & 0xff,
        r < 0.9 ? 0 : byte(),
        r < 0.8 ? 0 : byte(),
        r < 0.8 ? 0 : byte(),
        byte(),
        byte(),
        ...payload,
      ]);
      return rand() < 0.02 ? out.subarray(0, Math.floor(rand() * out.length)) : out;
    });
    const ctx = new Context({ probe: false, log: () => {} });
    const ep = await ctx.openTransport(new MessageTransport(link), { timeoutMs: 1000 });
    const cmds = commandTable as readonly AnyCommand[];
    let decoded = 0;
    let typed = 0;
    for (let i = 0; i < COUNT; i++) {
      const cmd = cmds[i % cmds.length];
      try {
        await ep.send(cmd, cmd.request?.zero());
        decoded++;
      } catch (e) {
        if (!(e instanceof CxlmiError)) throw e;
        typed++;
      }
    }
    assert.equal(decoded + typed, COUNT);
    assert.ok(decoded > COUNT / 20, `some responses decoded (${decoded})`);
    assert.ok(typed > COUNT / 20, `some responses were rejected (${typed})`);
    await ctx.close();
  });
});
