/**
 * The device side of the Tunnel Management Command (5300h), fed raw messages: the answer's bytes as
 * CXL r3.2 Tables 7-32/7-33 lay them out (response length, 2 reserved bytes, the carried response
 * message), at one and two levels, and the return code for each way a request can be malformed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLog } from '../../../src/commands/generic/logs.js';
import { EmulatedDevice } from '../../../src/emulator/device.js';
import { defaultFabric } from '../../../src/emulator/fabric/index.js';
import { registerTunnel } from '../../../src/emulator/fabric/tunnel-target.js';
import {
  CXLMI_RET_INPUT,
  CXLMI_RET_INTERNAL,
  CXLMI_RET_PAYLOADLEN,
  CXLMI_RET_SUCCESS,
} from '../../../src/protocol/retcodes.js';

/** A CCI message: category, tag, reserved, opcode (LE), 21-bit length + BO, retcode, vendor status. */
function msg(category: number, tag: number, opcode: number, payload: number[], retcode = 0): number[] {
  const n = payload.length;
  return [
    category,
    tag,
    0,
    opcode & 0xff,
    opcode >> 8,
    n & 0xff,
    (n >> 8) & 0xff,
    n >> 16,
    retcode,
    0,
    0,
    0,
    ...payload,
  ];
}
/** Tunnel request payload (Table 7-32): id, target type, command size (LE), the message. */
const tunnelReq = (id: number, type: number, inner: number[], size = inner.length) => [
  id,
  type,
  size & 0xff,
  size >> 8,
  ...inner,
];
const IDENTIFY = 0x0001;
const TUNNEL = 0x5300;
const retcode = (reply: Uint8Array) => reply[8] | (reply[9] << 8);

function devices() {
  const fabric = defaultFabric({ clock: () => 0 });
  const sw = fabric.cci('switch0').device;
  const direct = (name: string) => fabric.cci(name).device;
  return { sw, direct };
}

describe('tunnel target (5300h) on the emulated fabric', () => {
  it('one level: the carried Identify answered as the device answers it directly, wrapped per Table 7-33', () => {
    const { sw, direct } = devices();
    const inner = msg(0, 7, IDENTIFY, []);
    const expectedInner = direct('sld0').dispatch(Uint8Array.from(inner));
    assert.ok(expectedInner);
    const reply = sw.dispatch(Uint8Array.from(msg(0, 42, TUNNEL, tunnelReq(1, 0, inner))));
    assert.ok(reply);
    const n = expectedInner.length;
    assert.deepEqual(
      [...reply],
      msg(1, 42, TUNNEL, [n & 0xff, n >> 8, 0, 0, ...expectedInner]),
      'outer header (response, tag 42, 5300h, length 4 + n), response length n, reserved 0, the inner response',
    );
    assert.equal(expectedInner[1], 7, 'the carried response keeps the carried tag');
  });

  it('two levels: switch port 2, then LD 1 of the MLD, each level wrapped in place', () => {
    const { sw, direct } = devices();
    const inner = msg(0, 3, IDENTIFY, []);
    const mldCci = direct('mld0');
    const viaMld = mldCci.dispatch(Uint8Array.from(msg(0, 9, TUNNEL, tunnelReq(1, 0, inner))));
    assert.ok(viaMld);
    assert.equal(retcode(viaMld), CXLMI_RET_SUCCESS);
    const reply = sw.dispatch(
      Uint8Array.from(msg(0, 200, TUNNEL, tunnelReq(2, 0, msg(0, 9, TUNNEL, tunnelReq(1, 0, inner))))),
    );
    assert.ok(reply);
    const n = viaMld.length;
    assert.deepEqual([...reply], msg(1, 200, TUNNEL, [n & 0xff, n >> 8, 0, 0, ...viaMld]));
    // And the innermost answer is the LD's own Identify response.
    const ldIdentify = viaMld.subarray(16);
    assert.equal(ldIdentify[1], 3);
    assert.equal(retcode(ldIdentify), CXLMI_RET_SUCCESS);
    assert.equal(ldIdentify.length, 12 + 18, 'Identify: 18-byte payload (r3.1 Table 8-38)');
  });

  it('an error inside the tunnel is the carried response’s return code; the tunnel itself succeeds', () => {
    const { sw } = devices();
    const inner = msg(0, 1, 0xfff0, []); // no such opcode
    const reply = sw.dispatch(Uint8Array.from(msg(0, 5, TUNNEL, tunnelReq(1, 0, inner))));
    assert.ok(reply);
    assert.equal(retcode(reply), CXLMI_RET_SUCCESS);
    assert.equal(reply[12] | (reply[13] << 8), 12, 'a bare 12-byte response is carried');
    assert.notEqual(retcode(reply.subarray(16)), CXLMI_RET_SUCCESS);
  });

  const cases: [string, number[], number][] = [
    ['fewer than 4 payload bytes', [1, 0, 12], CXLMI_RET_PAYLOADLEN],
    [
      'command size larger than what follows',
      tunnelReq(1, 0, msg(0, 1, IDENTIFY, []), 13),
      CXLMI_RET_PAYLOADLEN,
    ],
    [
      'command size below a message header',
      tunnelReq(1, 0, [0, 1, 0, 1, 0, 0, 0, 0], 8),
      CXLMI_RET_PAYLOADLEN,
    ],
    [
      'bytes after the carried message',
      [...tunnelReq(1, 0, msg(0, 1, IDENTIFY, [])), 0],
      CXLMI_RET_PAYLOADLEN,
    ],
    [
      'carried header length disagrees with command size',
      tunnelReq(1, 0, [...msg(0, 1, IDENTIFY, [1]).slice(0, 12)]),
      CXLMI_RET_PAYLOADLEN,
    ],
    ['carried message is a response', tunnelReq(1, 0, msg(1, 1, IDENTIFY, [])), CXLMI_RET_INPUT],
    ['target type 2', tunnelReq(1, 2, msg(0, 1, IDENTIFY, [])), CXLMI_RET_INPUT],
    ['LD-pool CCI on a switch', tunnelReq(1, 1, msg(0, 1, IDENTIFY, [])), CXLMI_RET_INPUT],
    ['no device on the port', tunnelReq(9, 0, msg(0, 1, IDENTIFY, [])), CXLMI_RET_INPUT],
  ];
  for (const [what, payload, code] of cases) {
    it(`malformed request: ${what} → return code ${code}, no payload`, () => {
      const { sw } = devices();
      const reply = sw.dispatch(Uint8Array.from(msg(0, 11, TUNNEL, payload)));
      assert.ok(reply);
      assert.equal(retcode(reply), code);
      assert.equal(reply.length, 12);
      assert.equal(reply[1], 11);
    });
  }

  it('a carried response too long for the 16-bit Response Length field is an internal error', () => {
    // A device whose Get Log answers 64 KiB + 1 bytes (the message then exceeds 16 bits).
    const far = new EmulatedDevice();
    far.handle(getLog, () => ({ data: new Uint8Array(0x10001).fill(1) }));
    const near = new EmulatedDevice();
    registerTunnel(near, () => far);
    const uuid = [...Array(16).keys()];
    const inner = msg(0, 1, 0x0401, [...uuid, 0, 0, 0, 0, 0x01, 0x00, 0x01, 0x00]);
    const answer = far.dispatch(Uint8Array.from(inner));
    assert.equal(answer?.length, 12 + 0x10001, 'the far device answers in full when asked directly');
    const reply = near.dispatch(Uint8Array.from(msg(0, 2, TUNNEL, tunnelReq(0, 0, inner))));
    assert.ok(reply);
    assert.equal(retcode(reply), CXLMI_RET_INTERNAL);
    assert.equal(reply.length, 12);
    // Just under the limit it is carried.
    far.handle(getLog, () => ({ data: new Uint8Array(0xffff - 12).fill(2) }));
    const ok = near.dispatch(Uint8Array.from(msg(0, 3, TUNNEL, tunnelReq(0, 0, inner))));
    assert.ok(ok);
    assert.equal(retcode(ok), CXLMI_RET_SUCCESS);
    assert.deepEqual([ok[12], ok[13]], [0xff, 0xff]);
    assert.equal(ok.length, 16 + 0xffff);
    assert.ok(ok.subarray(28).every((b) => b === 2));
  });
});
