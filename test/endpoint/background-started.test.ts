/**
 * Return code 1 (Background Command Started) is reported for every command, not only those the
 * table declares background-capable, and the response is never decoded then: the Endpoint API,
 * the vendor-specific pass-through and the compat functions (which resolve 1 and leave their
 * output untouched, as libcxlmi does).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cxlmi from '../../src/compat/index.js';
import { EmulatorLink } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import { CxlmiBackgroundStartedError, CxlmiCommandError } from '../../src/errors.js';
import { CXLMI_RET_BACKGROUND } from '../../src/protocol/retcodes.js';
import { MessageTransport } from '../../src/transport/message-link.js';

const IDENTIFY = 0x0001;
const GET_TIMESTAMP = 0x0300;
const SET_TIMESTAMP = 0x0301;
const VENDOR = 0xc000;

async function open() {
  const ctx = new Context({ probe: false, log: () => {} });
  const dev = new Type3Device();
  const link = new EmulatorLink(dev);
  const ep = await ctx.openTransport(new MessageTransport(link));
  return { ctx, dev, link, ep };
}

describe('return code 1 for commands that normally answer at once', () => {
  it('a command without output resolves { background: true }, then the endpoint works on', async () => {
    const { ctx, link, ep } = await open();
    try {
      link.faults.add({ fault: { kind: 'background-started' }, opcode: SET_TIMESTAMP, times: 1 });
      assert.deepEqual(await ep.setTimestamp({ timestamp: 5n }), { background: true });
      assert.equal(await ep.setTimestamp({ timestamp: 5n }), undefined);
    } finally {
      await ctx.close();
    }
  });

  it('a command whose answer is data is not decoded: a typed error with return code 1', async () => {
    const { ctx, link, ep } = await open();
    try {
      // The device still sends a whole Identify payload; it must not be read as the answer.
      link.faults.add({ fault: { kind: 'background-started' }, opcode: IDENTIFY, times: 1 });
      const err = await ep.identify().then(
        () => assert.fail('resolved'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof CxlmiBackgroundStartedError);
      assert.ok(err instanceof CxlmiCommandError, 'callers that catch command errors catch it too');
      assert.equal(err.retcode, CXLMI_RET_BACKGROUND);
      assert.equal(err.background, true);
      assert.match(
        err.message,
        /identify \(opcode 0x0001\).*Background Command Started.*background operation/,
      );
      // Return code 1 with an empty payload (the common form) is the same, not a decode error.
      link.faults.add({
        fault: { kind: 'retcode', code: CXLMI_RET_BACKGROUND },
        opcode: GET_TIMESTAMP,
        times: 1,
      });
      await assert.rejects(ep.getTimestamp(), CxlmiBackgroundStartedError);
      assert.equal(typeof (await ep.getTimestamp()).timestamp, 'bigint');
    } finally {
      await ctx.close();
    }
  });

  it('vendorSpecific resolves { background: true } instead of the payload', async () => {
    const { ctx, link, ep } = await open();
    try {
      link.faults.add({ fault: { kind: 'retcode', code: CXLMI_RET_BACKGROUND }, opcode: VENDOR, times: 1 });
      assert.deepEqual(await ep.vendorSpecific(VENDOR, Uint8Array.of(1)), { background: true });
    } finally {
      await ctx.close();
    }
  });

  it('compat functions resolve 1 and leave the output structure untouched', async () => {
    const { ctx, link, ep } = await open();
    try {
      link.faults.add({ fault: { kind: 'background-started' }, opcode: IDENTIFY, times: 1 });
      const id = cxlmi.cxlmi_cmd_identify();
      const before = structuredClone(id);
      assert.equal(await cxlmi.cxlmi_cmd_identify(ep, null, id), cxlmi.CXLMI_RET_BACKGROUND);
      assert.deepEqual(id, before);

      link.faults.add({ fault: { kind: 'background-started' }, opcode: SET_TIMESTAMP, times: 1 });
      const req = cxlmi.cxlmi_cmd_set_timestamp();
      assert.equal(await cxlmi.cxlmi_cmd_set_timestamp(ep, null, req), cxlmi.CXLMI_RET_BACKGROUND);

      link.faults.add({ fault: { kind: 'retcode', code: CXLMI_RET_BACKGROUND }, opcode: VENDOR, times: 1 });
      const ret = new Uint8Array([9, 9, 9, 9]);
      const r = await cxlmi.cxlmi_cmd_vendor_specific(ep, null, VENDOR, Uint8Array.of(1), 1, ret, 4);
      assert.equal(r, cxlmi.CXLMI_RET_BACKGROUND);
      assert.deepEqual([...ret], [9, 9, 9, 9]);

      // Afterwards the same call fills the structure as usual.
      await cxlmi.cxlmi_cmd_identify(ep, null, id);
      assert.notDeepEqual(id, before);
    } finally {
      await ctx.close();
    }
  });
});
