import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Context } from '../../../src/endpoint/context.js';
import { CxlmiCommandError, CxlmiProtocolError, CxlmiUsageError } from '../../../src/errors.js';
import { CXLMI_RET_INPUT, CXLMI_RET_UNSUPPORTED } from '../../../src/protocol/retcodes.js';
import type { LinkExchange, MessageLink } from '../../../src/transport/message-link.js';
import { MessageTransport } from '../../../src/transport/message-link.js';
import { tunnelTransport } from '../../../src/transport/tunnel/index.js';
import { unwrapTunnelResponse } from '../../../src/transport/tunnel/wrap.js';
import { tunnelMhd, tunnelMld, tunnelSwitch, tunnelSwitchMld } from '../../../src/transport/tunnel-info.js';
import { responseBytes } from '../../helpers/links.js';

// Identify output payload (CXL r3.1 Table 8-38): vendor 1b36, device 0d93, subsystem 1b36/0001,
// serial 0102030405060708, max message 2^12, component type 3.
const IDENTIFY_PL = [0x36, 0x1b, 0x93, 0x0d, 0x36, 0x1b, 0x01, 0x00, 8, 7, 6, 5, 4, 3, 2, 1, 0x0c, 0x03];

/** Records what the endpoint sends (and with which MCTP message type) and answers from a script. */
class RecordingLink implements MessageLink {
  readonly kind = 'recording';
  readonly description = 'recording';
  readonly maxPayload = 4096;
  /** The device takes FM-API commands (tunneling needs them). */
  fmapi = true;
  sent: Uint8Array[] = [];
  fmapiFlags: boolean[] = [];
  constructor(readonly reply: (msg: Uint8Array) => Uint8Array) {}
  exchange(message: Uint8Array, x: LinkExchange): Promise<Uint8Array> {
    this.sent.push(message);
    this.fmapiFlags.push(x.fmapi);
    return Promise.resolve(this.reply(message));
  }
  close(): void {}
}

/** A 5300h response (Table 7-33) carrying `inner`: length, 2 reserved bytes, the message. */
function tunnelResponse(outer: Uint8Array, inner: Uint8Array, length = inner.length): Uint8Array {
  return responseBytes({
    tag: outer[1],
    opcode: 0x5300,
    payload: [length & 0xff, length >> 8, 0, 0, ...inner],
  });
}

/** The message carried by a 5300h request: skip the 12-byte header and the 4-byte tunnel header. */
const carried = (m: Uint8Array) => m.subarray(16);

function open(reply: (msg: Uint8Array) => Uint8Array) {
  const link = new RecordingLink(reply);
  const ctx = new Context({ probe: false, log: () => {} });
  return { link, ep: ctx.openTransport(new MessageTransport(link)) };
}

describe('tunnel decorator, one level', () => {
  it('wraps Identify for LD 1 of an MLD (Table 7-32) and unwraps the answer', async () => {
    const { link, ep } = open((m) => {
      const inner = carried(m);
      return tunnelResponse(m, responseBytes({ tag: inner[1], opcode: 0x0001, payload: IDENTIFY_PL }));
    });
    const id = await (await ep).identify({ tunnel: tunnelMld(1) });
    assert.equal(id.serial_num, 0x0102030405060708n);
    const sent = link.sent[0];
    // outer header: request, opcode 5300h, payload 16 bytes (4 tunnel + 12 message)
    assert.deepEqual([...sent.subarray(3, 8)], [0x00, 0x53, 16, 0, 0]);
    // tunnel header: LD 1, target type 0, command size 12
    assert.deepEqual([...sent.subarray(12, 16)], [0x01, 0x00, 0x0c, 0x00]);
    // carried message: request category, opcode 0001h, no payload
    const inner = carried(sent);
    assert.deepEqual([inner[0], inner[3], inner[4], inner[5]], [0, 0x01, 0x00, 0]);
    assert.equal(link.fmapiFlags[0], true, 'the tunnel request goes out as FM-API (MCTP type 0x07)');
  });

  it('tunnels through a switch port, and to the LD-pool CCI of an MHD (target type 1)', async () => {
    const { link, ep } = open((m) => {
      const inner = carried(m);
      return tunnelResponse(m, responseBytes({ tag: inner[1], opcode: 0x0001, payload: IDENTIFY_PL }));
    });
    const e = await ep;
    await e.identify({ tunnel: tunnelSwitch(3) });
    await e.identify({ tunnel: tunnelMhd() });
    assert.deepEqual([...link.sent[0].subarray(12, 14)], [0x03, 0x00]);
    assert.deepEqual([...link.sent[1].subarray(12, 14)], [0x00, 0x01]);
  });

  it('carries the request payload of FM-API commands too', async () => {
    const { link, ep } = open((m) => {
      const inner = carried(m);
      return tunnelResponse(m, responseBytes({ tag: inner[1], opcode: 0x5401, payload: [4, 0, 0, 0] }));
    });
    const fm = await ep;
    const v = await fm.getLdAllocations(
      { start_ld_id: 0, ld_allocation_list_limit: 2 },
      { tunnel: tunnelSwitch(1) },
    );
    assert.equal(v.number_ld, 4);
    const inner = carried(link.sent[0]);
    assert.deepEqual([...inner.subarray(3, 8)], [0x01, 0x54, 2, 0, 0]);
    assert.deepEqual([...inner.subarray(12)], [0, 2]);
  });

  it('needs FM-API: refused while it is disabled or absent, nothing is sent', async () => {
    const { link, ep } = open(() => new Uint8Array(0));
    const e = await ep;
    e.disableFmapi();
    await assert.rejects(e.identify({ tunnel: tunnelMld(0) }), CxlmiUsageError);
    const noFm = new RecordingLink(() => new Uint8Array(0));
    noFm.fmapi = false;
    const plain = await new Context({ probe: false, log: () => {} }).openTransport(
      new MessageTransport(noFm),
    );
    await assert.rejects(plain.identify({ tunnel: tunnelSwitch(1) }), /FM-API, which is not available/);
    assert.equal(link.sent.length + noFm.sent.length, 0);
  });
});

describe('tunnel decorator, two levels', () => {
  it('nests a tunnel to the LD inside a tunnel to the switch port', async () => {
    const { link, ep } = open((m) => {
      const mid = carried(m); // 5300h to the LD
      const inner = carried(mid);
      const innerRsp = responseBytes({ tag: inner[1], opcode: 0x0001, payload: IDENTIFY_PL });
      const midRsp = responseBytes({
        tag: mid[1],
        opcode: 0x5300,
        payload: [innerRsp.length, 0, 0, 0, ...innerRsp],
      });
      return tunnelResponse(m, midRsp);
    });
    const id = await (await ep).identify({ tunnel: tunnelSwitchMld(4, 2) });
    assert.equal(id.vendor_id, 0x1b36);
    const sent = link.sent[0];
    assert.deepEqual(
      [...sent.subarray(12, 16)],
      [0x04, 0x00, 28, 0x00],
      'outer: port 4, carries 12 + 4 + 12 bytes',
    );
    const mid = carried(sent);
    assert.deepEqual([mid[3], mid[4]], [0x00, 0x53]);
    assert.deepEqual([...mid.subarray(12, 16)], [0x02, 0x00, 0x0c, 0x00], 'inner: LD 2');
  });
});

describe('tunnel decorator, strict unwrapping', () => {
  const good = (m: Uint8Array) => responseBytes({ tag: carried(m)[1], opcode: 0x0001, payload: IDENTIFY_PL });

  it('rejects a tunnel length that disagrees with what arrived', async () => {
    const { ep } = open((m) => tunnelResponse(m, good(m), good(m).length + 2));
    await assert.rejects((await ep).identify({ tunnel: tunnelMld(0) }), CxlmiProtocolError);
  });

  it('rejects a truncated carried message (its header claims more payload)', async () => {
    const { ep } = open((m) => tunnelResponse(m, good(m).subarray(0, 20)));
    await assert.rejects(
      (await ep).identify({ tunnel: tunnelMld(0) }),
      /says its payload is 18 bytes but 8 arrived/,
    );
  });

  it('rejects a carried message shorter than a header, and a tunnel payload shorter than its own header', async () => {
    // The tunnel's length (6) agrees with what arrived, but 6 bytes cannot hold a 12-byte header.
    const { ep } = open((m) => tunnelResponse(m, good(m).subarray(0, 6)));
    await assert.rejects(
      (await ep).identify({ tunnel: tunnelMld(0) }),
      (e: unknown) =>
        e instanceof CxlmiProtocolError &&
        e.opcode === 0x0001 &&
        /carries 6 bytes, too few for a message header \(opcode 0x0001\)/.test(e.message),
    );
    const { ep: ep2 } = open((m) => responseBytes({ tag: m[1], opcode: 0x5300, payload: [0, 0] }));
    await assert.rejects(
      (await ep2).identify({ tunnel: tunnelMld(0) }),
      (e: unknown) =>
        e instanceof CxlmiProtocolError &&
        e.opcode === 0x0001 &&
        /is 2 bytes, shorter than its 4-byte header/.test(e.message),
    );
  });

  it('unwraps an empty carried message as "too few for a header", naming the tunnel and opcode', () => {
    assert.throws(
      () => unwrapTunnelResponse(Uint8Array.of(0, 0, 0, 0), 'switch port 3', 0x4000),
      (e: unknown) =>
        e instanceof CxlmiProtocolError &&
        e.opcode === 0x4000 &&
        e.message ===
          'tunnel response from switch port 3 carries 0 bytes, too few for a message header (opcode 0x4000)',
    );
    // 11 bytes: one short of a header.
    const eleven = Uint8Array.of(11, 0, 0, 0, ...new Array(11).fill(0));
    assert.throws(() => unwrapTunnelResponse(eleven, 'LD 1', 0x0001), /carries 11 bytes, too few/);
    const twelve = Uint8Array.of(12, 0, 0, 0, ...new Array(12).fill(7));
    assert.deepEqual(unwrapTunnelResponse(twelve, 'LD 1', 0x0001), new Uint8Array(12).fill(7));
  });

  it('rejects a carried response to another command or tag', async () => {
    const { ep } = open((m) =>
      tunnelResponse(
        m,
        responseBytes({ tag: carried(m)[1], opcode: 0x0002, payload: [0, 0, 0, 0, 0, 0, 0, 0] }),
      ),
    );
    await assert.rejects((await ep).identify({ tunnel: tunnelMld(0) }), /expected 0x0001/);
    const { ep: ep2 } = open((m) =>
      tunnelResponse(
        m,
        responseBytes({ tag: (carried(m)[1] + 1) & 0xff, opcode: 0x0001, payload: IDENTIFY_PL }),
      ),
    );
    await assert.rejects((await ep2).identify({ tunnel: tunnelMld(0) }), /tag/);
  });

  it('surfaces the carried return code as the command’s own error', async () => {
    const { ep } = open((m) =>
      tunnelResponse(
        m,
        responseBytes({ tag: carried(m)[1], opcode: 0x0001, retcode: CXLMI_RET_UNSUPPORTED }),
      ),
    );
    await assert.rejects(
      (await ep).identify({ tunnel: tunnelMld(0) }),
      (e: unknown) =>
        e instanceof CxlmiCommandError && e.opcode === 0x0001 && e.retcode === CXLMI_RET_UNSUPPORTED,
    );
  });

  it('reports a failing tunnel command as a 5300h error', async () => {
    const { ep } = open((m) => responseBytes({ tag: m[1], opcode: 0x5300, retcode: CXLMI_RET_INPUT }));
    await assert.rejects(
      (await ep).identify({ tunnel: tunnelSwitch(9) }),
      (e: unknown) => e instanceof CxlmiCommandError && e.opcode === 0x5300 && e.retcode === CXLMI_RET_INPUT,
    );
  });
});

describe('tunnel descriptors', () => {
  const base = new MessageTransport(new RecordingLink(() => new Uint8Array(0)));
  it('refuse ids the one-byte target field cannot carry', () => {
    assert.throws(() => tunnelTransport(base, tunnelMld(300)), CxlmiUsageError);
    assert.throws(() => tunnelTransport(base, { port: 1, ld: 1, level: 1, mhd: false }), CxlmiUsageError);
  });
  it('shrink the payload a tunneled command may carry by 16 bytes per level', () => {
    assert.equal(tunnelTransport(base, tunnelSwitch(1)).maxPayload, 4096 - 16);
    assert.equal(tunnelTransport(base, tunnelSwitchMld(1, 0)).maxPayload, 4096 - 32);
  });
});
