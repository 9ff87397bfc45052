import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memdevCommands } from '../../../src/commands/memdev/index.js';
import { Type3Device } from '../../../src/emulator/type3.js';
import { CXLMI_RET_INTERNAL, cxlmi_cmd_retcode_tostr } from '../../../src/protocol/retcodes.js';
import { MiB } from './setup.js';

/** Small deterministic PRNG (mulberry32), so a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('memdev emulator robustness', () => {
  it('answers random payloads for every memdev opcode with a defined return code, never a crash', () => {
    const rand = prng(0x5eed);
    let now = 0;
    const device = new Type3Device({ clock: () => now, dcRegions: [{ length: 256n * MiB }], lsaSize: 1024 });
    const opcodes = [...new Set(memdevCommands.map((c) => c.opcode))];
    const seen = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const op = opcodes[Math.floor(rand() * opcodes.length)];
      const cmd = memdevCommands.find((c) => c.opcode === op);
      // Mostly sizes near the real one, sometimes anything.
      const size = cmd?.request?.minSize ?? 0;
      const len = rand() < 0.7 ? size + Math.floor(rand() * 48) : Math.floor(rand() * 300);
      const payload = Uint8Array.from({ length: len }, () => (rand() < 0.5 ? 0 : Math.floor(rand() * 256)));
      const r = device.execute(op, payload);
      assert.notEqual(r.retcode, CXLMI_RET_INTERNAL, `opcode ${op.toString(16)} with ${len} bytes`);
      assert.ok(cxlmi_cmd_retcode_tostr(r.retcode), `defined return code ${r.retcode}`);
      seen.set(r.retcode, (seen.get(r.retcode) ?? 0) + 1);
      now += rand() < 0.1 ? 10_000 : 1;
    }
    // The device stays usable afterwards.
    now += 1e12;
    device.background.settle();
    assert.equal(device.execute(0x4000, new Uint8Array(0)).retcode, 0);
    assert.ok((seen.get(0) ?? 0) > 0 && seen.size > 3, 'the run reached both successes and failures');
  });
});
