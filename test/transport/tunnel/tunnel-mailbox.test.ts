import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Context } from '../../../src/endpoint/context.js';
import { MailboxTransport } from '../../../src/transport/mailbox/mailbox-transport.js';
import { tunnelSwitch, tunnelSwitchMld } from '../../../src/transport/tunnel-info.js';
import { responseBytes } from '../../helpers/links.js';
import { FakeCxlKernel, kernel612Table } from '../mailbox/fake-cxl-kernel.js';

// Identify output (CXL r3.1 Table 8-38): vendor 1b36, device 0d93, subsystem 1b36/0001, serial 0x1122, 2^12, type 3.
const IDENTIFY_PL = [
  0x36, 0x1b, 0x93, 0x0d, 0x36, 0x1b, 0x01, 0x00, 0x22, 0x11, 0, 0, 0, 0, 0, 0, 0x0c, 0x03,
];

let sysfs: string;
before(async () => {
  sysfs = await mkdtemp(join(tmpdir(), 'cxlmi-tunnel-sysfs-'));
  await mkdir(join(sysfs, 'bus/cxl/devices/mem0'), { recursive: true });
  await writeFile(join(sysfs, 'bus/cxl/devices/mem0/payload_max'), '1024\n');
});
after(() => rm(sysfs, { recursive: true, force: true }));

/** A switch CCI behind the kernel mailbox: answers 5300h (Table 7-33) for a device on each port. */
function switchBehindMailbox(k: FakeCxlKernel, seen: number[][]) {
  const answer = (input: Uint8Array): Uint8Array => {
    seen.push([input[0], input[1], input[2] | (input[3] << 8)]);
    const msg = input.subarray(4);
    const inner =
      msg[3] === 0x00 && msg[4] === 0x53 // a second tunnel level: answer it too
        ? responseBytes({ tag: msg[1], opcode: 0x5300, payload: [...answer(msg.subarray(12))] })
        : responseBytes({ tag: msg[1], opcode: msg[3] | (msg[4] << 8), payload: IDENTIFY_PL });
    return Uint8Array.from([inner.length & 0xff, inner.length >> 8, 0, 0, ...inner]);
  };
  k.device = (op, input) =>
    op === 0x5300 ? { retval: 0, output: answer(input) } : { retval: 3, output: new Uint8Array() };
}

describe('tunneling over the kernel mailbox', () => {
  it('sends 5300h as a RAW command and unwraps the answer, one and two levels', async () => {
    const k = new FakeCxlKernel(kernel612Table({ raw: true }));
    const seen: number[][] = [];
    switchBehindMailbox(k, seen);
    const ctx = new Context({ probe: false, log: () => {} });
    const ep = await ctx.openTransport(await MailboxTransport.open('mem0', { ops: k, sysfsRoot: sysfs }));
    assert.equal(ep.hasFmapi, true, 'a mailbox endpoint has FM-API, as in libcxlmi');
    const id = await ep.identify({ tunnel: tunnelSwitch(3) });
    assert.equal(id.serial_num, 0x1122n);
    assert.deepEqual(seen[0], [3, 0, 12], 'port 3, target type 0, a 12-byte Identify');
    const id2 = await ep.identify({ tunnel: tunnelSwitchMld(2, 1) });
    assert.equal(id2.component_type, 3);
    assert.deepEqual(seen.slice(1), [
      [2, 0, 28],
      [1, 0, 12],
    ]);
    assert.deepEqual(k.delivered, [0x5300, 0x5300]);
    await ctx.close();
  });
});
