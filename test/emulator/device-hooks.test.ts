import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmulatedDevice } from '../../src/emulator/device.js';
import type { DeviceEvent } from '../../src/emulator/device-event.js';

describe('emulated device hooks', () => {
  it('delivers raised events to listeners until they unsubscribe', () => {
    const d = new EmulatedDevice();
    const got: DeviceEvent[] = [];
    const stop = d.onEvent((e) => got.push(e));
    const e = { log: 1, uuid: '00000000-0000-0000-0000-000000000000', flags: 1, body: new Uint8Array(80) };
    d.raiseEvent(e);
    stop();
    d.raiseEvent(e);
    assert.deepEqual(got, [e]);
  });

  it('runs reset hooks in registration order', () => {
    const d = new EmulatedDevice();
    const order: number[] = [];
    d.onReset(() => order.push(1));
    d.onReset(() => order.push(2));
    d.reset();
    d.reset();
    assert.deepEqual(order, [1, 2, 1, 2]);
  });
});
