import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as rc from '../../src/protocol/retcodes.js';

describe('return codes', () => {
  it('have the values of CXL r3.1 Table 8-34', () => {
    // Spot checks across the table, written from the spec.
    assert.equal(rc.CXLMI_RET_SUCCESS, 0x00);
    assert.equal(rc.CXLMI_RET_BACKGROUND, 0x01);
    assert.equal(rc.CXLMI_RET_UNSUPPORTED, 0x03);
    assert.equal(rc.CXLMI_RET_BUSY, 0x06);
    assert.equal(rc.CXLMI_RET_HANDLE, 0x0e);
    assert.equal(rc.CXLMI_RET_PASSPHRASE, 0x14);
    assert.equal(rc.CXLMI_RET_PAYLOADLEN, 0x16);
    assert.equal(rc.CXLMI_RET_EXTLIST, 0x1e);
    assert.equal(rc.CXLMI_RET_NO_BGABORT, 0x20);
  });

  it('every CXLMI_RET_ constant has a string and its own name', () => {
    const consts = Object.entries(rc).filter(([k]) => k.startsWith('CXLMI_RET_')) as [string, number][];
    assert.equal(consts.length, rc.RETCODE_COUNT);
    for (const [name, code] of consts) {
      assert.equal(typeof rc.cxlmi_cmd_retcode_tostr(code), 'string', name);
      assert.equal(rc.retcodeName(code), name);
    }
  });

  it('cxlmi_cmd_retcode_tostr answers the reference example and null for unknown codes', () => {
    assert.equal(rc.cxlmi_cmd_retcode_tostr(rc.CXLMI_RET_UNSUPPORTED), 'Unsupported');
    assert.equal(rc.cxlmi_cmd_retcode_tostr(rc.CXLMI_RET_INPUT), 'Invalid Input');
    assert.equal(rc.cxlmi_cmd_retcode_tostr(0x21), null);
    assert.equal(rc.cxlmi_cmd_retcode_tostr(-1), null);
    assert.equal(rc.retcodeName(0x1234), 'CXLMI_RET_0x1234');
  });
});
