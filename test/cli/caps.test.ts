import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailboxCaps } from '../../src/cli/actions/caps.js';
import { Context } from '../../src/endpoint/context.js';
import type { MailboxTransport } from '../../src/transport/mailbox/mailbox-transport.js';
import { FakeCxlKernel, kernel61Table, kernel612Table } from '../transport/mailbox/fake-cxl-kernel.js';

async function caps(kernel: FakeCxlKernel) {
  const ctx = new Context({ probe: false, log: () => {} });
  const ep = await ctx.open('mem0', { ops: kernel, sysfsRoot: '/nonexistent' });
  const report = mailboxCaps(ep, ep.transport as MailboxTransport);
  await ctx.close();
  return report;
}

describe('cxlmi caps (mailbox)', () => {
  it('on a stock 6.1 kernel: memdev Identify goes by kernel id 1, generic Identify needs RAW, which is off', async () => {
    const r = await caps(new FakeCxlKernel(kernel61Table()));
    assert.equal(r.raw_commands, 'disabled (CONFIG_CXL_MEM_RAW_COMMANDS off)');
    assert.equal(r.kernel_reports_flags, false);
    assert.equal(r.payload_max, 256);
    const identify = r.commands.find((c) => c.opcode === 0x0001)!;
    assert.equal(identify.route, 'raw');
    assert.equal(identify.passes, false);
    assert.match(identify.note, /CONFIG_CXL_MEM_RAW_COMMANDS/);
    const lsa = r.kernel_commands.find((c) => c.name === 'GET_LSA')!;
    assert.deepEqual([lsa.id, lsa.opcode, lsa.size_in, lsa.size_out], [6, 0x4102, 8, null]);
  });

  it('on a 6.12 kernel: Get Timestamp passes by kernel id 21; an exclusive command is marked', async () => {
    const k = new FakeCxlKernel(kernel612Table());
    k.table[10]!.flags = 3;
    const r = await caps(k);
    const ts = r.commands.find((c) => c.opcode === 0x0300)!;
    assert.deepEqual([ts.route, ts.passes], ['kernel id 21 (GET_TIMESTAMP)', true]);
    assert.equal(r.kernel_commands.find((c) => c.id === 10)!.state, 'kernel-exclusive now (EBUSY)');
  });
});
