import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fmapiCommands } from '../../../src/commands/fmapi/index.js';
import { defaultFabric } from '../../../src/emulator/fabric/index.js';

/** A small deterministic generator (xorshift32), so a failure can be replayed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

describe('emulated fabric under malformed requests', () => {
  it('answers every FM-API opcode with a return code, whatever the payload', () => {
    const f = defaultFabric({ clock: () => 0 });
    const next = rng(0x5eed);
    const ccis = [...f.endpoints().map((e) => e.device), ...f.devices().map((d) => d.device)];
    const opcodes = fmapiCommands.map((c) => c.opcode);
    let answered = 0;
    for (let i = 0; i < 3000; i++) {
      const dev = ccis[next() % ccis.length];
      const opcode = opcodes[next() % opcodes.length];
      const len = next() % 48;
      const payload = Uint8Array.from({ length: len }, () => next() & 0xff);
      // Make some payloads look like real ones: small ids and counts.
      if (next() % 2) for (let b = 0; b < Math.min(4, len); b++) payload[b] &= 0x07;
      const r = dev.execute(opcode, payload);
      assert.ok(Number.isInteger(r.retcode) && r.retcode >= 0 && r.retcode <= 0xffff);
      answered++;
    }
    assert.equal(answered, 3000);
    // The fabric still works afterwards.
    const sw = f.switch;
    assert.ok(sw);
    for (const v of sw.vcs) for (const b of v.vppbs) assert.ok(b.status >= 0 && b.status <= 3);
    assert.equal(sw.execute(0x5100, new Uint8Array(0)).retcode, 0);
  });
});
