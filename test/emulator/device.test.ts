import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bgOpStatus } from '../../src/commands/generic/info-status.js';
import { getTimestamp, setTimestamp } from '../../src/commands/generic/timestamp.js';
import { DeviceReturn } from '../../src/emulator/device-return.js';
import { Type3Device } from '../../src/emulator/type3.js';
import {
  CXLMI_RET_ABORT,
  CXLMI_RET_BACKGROUND,
  CXLMI_RET_BUSY,
  CXLMI_RET_INPUT,
  CXLMI_RET_NO_BGABORT,
  CXLMI_RET_PAYLOADLEN,
  CXLMI_RET_UNSUPPORTED,
} from '../../src/protocol/retcodes.js';

const msg = (...xs: number[]) => Uint8Array.from(xs);

describe('emulated device', () => {
  it('answers an Identify request message with a response message', () => {
    const dev = new Type3Device({ serialNumber: 0x1122334455667788n });
    const rsp = dev.dispatch(msg(0, 0x2a, 0, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0));
    assert.ok(rsp);
    // header: response category, same tag, same opcode, 18-byte payload, Success
    assert.deepEqual([...rsp.subarray(0, 12)], [1, 0x2a, 0, 0x01, 0x00, 18, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual([...rsp.subarray(20, 28)], [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
  });

  it('stays silent for responses and unparsable messages', () => {
    const dev = new Type3Device();
    assert.equal(dev.dispatch(msg(1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)), null);
    assert.equal(dev.dispatch(msg(0, 0, 0)), null);
  });

  it('answers Unsupported for commands it does not implement', () => {
    const dev = new Type3Device();
    // 4Fxxh is a reserved Memory Device command set: nothing implements it.
    assert.equal(dev.execute(0x4fff, new Uint8Array(0)).retcode, CXLMI_RET_UNSUPPORTED);
  });

  it('answers Invalid Payload Length for a short request or a payload where none belongs', () => {
    const dev = new Type3Device();
    assert.equal(dev.execute(setTimestamp.opcode, new Uint8Array(3)).retcode, CXLMI_RET_PAYLOADLEN);
    assert.equal(dev.execute(getTimestamp.opcode, new Uint8Array(1)).retcode, CXLMI_RET_PAYLOADLEN);
  });

  it('answers Invalid Payload Length for a request longer than its Max Supported Message Size', () => {
    const dev = new Type3Device({ maxMessageSizeLog2: 8 }); // 256-byte messages
    const request = (n: number) => {
      const m = new Uint8Array(12 + n);
      m.set([0, 7, 0, 0x01, 0x03, n & 0xff, n >> 8, 0]); // Set Timestamp (0301h), payload length n
      return m;
    };
    const rc = (m: Uint8Array | null) => (m ? m[8] | (m[9] << 8) : -1);
    assert.equal(rc(dev.dispatch(request(257))), CXLMI_RET_PAYLOADLEN);
    assert.equal(rc(dev.dispatch(request(8))), 0);
  });

  it('handler return codes and background operations', () => {
    let now = 0;
    const dev = new Type3Device({ clock: () => now });
    dev.handle(setTimestamp, (req) => {
      if (req.timestamp === 0n) throw new DeviceReturn(CXLMI_RET_INPUT);
      dev.background.start({ opcode: setTimestamp.opcode, durationMs: 100 });
    });
    assert.equal(dev.execute(setTimestamp.opcode, new Uint8Array(8)).retcode, CXLMI_RET_INPUT);
    const status = () =>
      bgOpStatus.response.decode(dev.execute(bgOpStatus.opcode, new Uint8Array(0)).payload);
    dev.handle(getTimestamp, (_req, ctx) => ctx.startBackground({ durationMs: 100 }));
    const r = dev.execute(getTimestamp.opcode, new Uint8Array(0));
    assert.equal(r.retcode, CXLMI_RET_BACKGROUND);
    now = 50;
    assert.deepEqual(status().status_bits, { in_progress: true, percent_complete: 50 });
    assert.equal(status().opcode, getTimestamp.opcode);
    assert.equal(
      dev.execute(getTimestamp.opcode, new Uint8Array(0)).retcode,
      CXLMI_RET_BUSY,
      'one at a time',
    );
    now = 100;
    assert.deepEqual(status().status_bits, { in_progress: false, percent_complete: 100 });
    assert.equal(status().returncode, 0);
    // Get Timestamp's effects do not say "Request Abort Background Operation Supported" (bit 8).
    dev.execute(getTimestamp.opcode, new Uint8Array(0));
    assert.throws(
      () => dev.background.abort(),
      (e) => e instanceof DeviceReturn && e.code === CXLMI_RET_NO_BGABORT,
    );
    now = 200;
    assert.equal(status().returncode, 0);
    dev.background.start({ opcode: getTimestamp.opcode, durationMs: 100, abortable: true });
    dev.background.abort();
    assert.equal(status().returncode, CXLMI_RET_ABORT);
  });
});
