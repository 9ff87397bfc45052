import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIBCXLMI_EXTRA_NAMES, REFERENCE_COMMANDS } from '../../../scripts/reference-functions.js';
import { fmapiCommands } from '../../../src/commands/fmapi/index.js';
import { compatCommands } from '../../../src/compat/commands.js';
import { SwitchDevice } from '../../../src/emulator/fabric/switch.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { Context } from '../../../src/endpoint/context.js';
import type { LinkExchange } from '../../../src/transport/message-link.js';

// The FM-API functions the reference's Python bindings list, plus two more from libcxlmi.h.
const REFERENCE = [...REFERENCE_COMMANDS.fmapi, ...LIBCXLMI_EXTRA_NAMES.fmapi];

describe('FM-API command table', () => {
  it('has every reference compat name', () => {
    const names = compatCommands as unknown as Record<string, unknown>;
    for (const n of REFERENCE) assert.equal(typeof names[n], 'function', n);
  });

  it('marks every command FM-API, in command sets 51h-56h', () => {
    for (const c of fmapiCommands) {
      assert.equal(c.fmapi, true, c.name);
      assert.equal(c.set, 'fmapi');
      assert.ok(c.opcode >> 8 >= 0x51 && c.opcode >> 8 <= 0x56, c.name);
    }
  });

  it('FM-API commands leave as MCTP message type 0x07, others as 0x08', async () => {
    const seen: boolean[] = [];
    const t = emulatorTransport(new SwitchDevice({ ports: [{ id: 0, kind: 'usp' }], vcs: [] }), {
      fmapi: true,
    });
    const link = (t as unknown as { link: { exchange(m: Uint8Array, x: LinkExchange): Promise<Uint8Array> } })
      .link;
    const exchange = link.exchange.bind(link);
    link.exchange = (m, x) => {
      seen.push(x.fmapi);
      return exchange(m, x);
    };
    const ep = await new Context({ probe: false, log: () => {} }).openTransport(t);
    await ep.identify();
    await ep.identifySwitchDevice();
    assert.deepEqual(seen, [false, true]);
  });
});
