import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkHello,
  errorFrame,
  FrameError,
  FrameReader,
  helloFrame,
  messageFrame,
} from '../../src/transport/emu/framing.js';

// Identify (0001h) request, tag 7, no payload: the 12-byte CCI header.
const identify = Uint8Array.from([0x00, 0x07, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);

describe('emulator service framing (docs/emulator-service.md)', () => {
  it('a REQUEST frame is: u32 LE length, type 02h, u16 LE device index, the CCI message', () => {
    assert.deepEqual(
      messageFrame(0x02, 0x0102, identify),
      Uint8Array.from([0x0f, 0x00, 0x00, 0x00, 0x02, 0x02, 0x01, ...identify]),
    );
  });

  it('HELLO carries JSON; ERROR carries the device index and text', () => {
    const h = helloFrame({ protocol: 'cxlmi-emu', version: 1, devices: [] });
    const json = '{"protocol":"cxlmi-emu","version":1,"devices":[]}';
    assert.deepEqual([...h.subarray(0, 5)], [json.length + 1, 0, 0, 0, 0x01]);
    assert.equal(new TextDecoder().decode(h.subarray(5)), json);
    assert.deepEqual([...errorFrame(3, 'no')], [4 + 1, 0, 0, 0, 0x04, 3, 0, 0x6e, 0x6f]);
  });

  it('reassembles frames however the stream splits them', () => {
    const stream = Uint8Array.from([
      ...messageFrame(0x03, 1, identify),
      ...errorFrame(2, 'gone'),
      ...messageFrame(0x02, 0, identify),
    ]);
    for (const size of [1, 3, 7, 1000]) {
      const r = new FrameReader();
      const frames = [];
      for (let i = 0; i < stream.length; i += size) frames.push(...r.push(stream.subarray(i, i + size)));
      assert.deepEqual(frames, [
        { type: 0x03, index: 1, message: identify },
        { type: 0x04, index: 2, text: 'gone' },
        { type: 0x02, index: 0, message: identify },
      ]);
    }
  });

  it('rejects what is not this protocol: zero or huge lengths, unknown types, short frames', () => {
    assert.throws(() => new FrameReader().push(Uint8Array.of(0, 0, 0, 0)), FrameError);
    assert.throws(() => new FrameReader().push(Uint8Array.of(0xff, 0xff, 0xff, 0x7f)), FrameError);
    assert.throws(
      () => new FrameReader().push(Uint8Array.of(3, 0, 0, 0, 0x09, 0, 0)),
      /unknown frame type 9/,
    );
    assert.throws(() => new FrameReader().push(Uint8Array.of(2, 0, 0, 0, 0x02, 0)), /too short/);
    // An HTTP client knocking on the socket is not mistaken for frames.
    assert.throws(() => new FrameReader().push(new TextEncoder().encode('GET / HTTP/1.1\r\n')), FrameError);
  });

  it('checks the greeting: protocol name, version, device entries', () => {
    assert.match(String(checkHello({ protocol: 'other' })), /not a cxlmi emulator service/);
    assert.match(String(checkHello({ protocol: 'cxlmi-emu', version: 2, devices: [] })), /version 2/);
    assert.match(
      String(checkHello({ protocol: 'cxlmi-emu', version: 1, devices: [{ name: 'x' }] })),
      /malformed device/,
    );
    const ok = {
      protocol: 'cxlmi-emu',
      version: 1,
      devices: [{ index: 0, name: 'x', fmapi: false, max_payload: 4096 }],
    };
    assert.deepEqual(checkHello(ok), ok);
  });
});
