/** The emulated Response Message Limit (CXL r3.1 §8.2.9.1.3-8.2.9.1.4). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CXLMI_RET_INPUT, CXLMI_RET_NO_BGABORT } from '../../../src/protocol/retcodes.js';
import { retcodeOf, rig } from './setup.js';

describe('emulated response message limit and abort', () => {
  it('starts at the device maximum, takes 2^8 and up, and grants no more than the maximum', async () => {
    const r = await rig({ maxMessageSizeLog2: 11 });
    try {
      assert.equal((await r.ep.getResponseMsgLimit()).limit, 11);
      assert.equal((await r.ep.setResponseMsgLimit({ limit: 9 })).limit, 9);
      assert.equal((await r.ep.getResponseMsgLimit()).limit, 9);
      assert.equal((await r.ep.setResponseMsgLimit({ limit: 15 })).limit, 11);
      assert.equal(await retcodeOf(r.ep.setResponseMsgLimit({ limit: 7 })), CXLMI_RET_INPUT);
      assert.equal((await r.ep.getResponseMsgLimit()).limit, 11);
    } finally {
      await r.close();
    }
  });

  it('Request Abort with nothing running succeeds; an operation that cannot be aborted says so', async () => {
    const r = await rig();
    try {
      await r.ep.requestBgOpAbort();
      r.dev.background.start({ opcode: 0x4400, durationMs: 1000, abortable: false });
      assert.equal(await retcodeOf(r.ep.requestBgOpAbort()), CXLMI_RET_NO_BGABORT);
      assert.equal((await r.ep.bgOpStatus()).status_bits.in_progress, true);
    } finally {
      await r.close();
    }
  });
});
