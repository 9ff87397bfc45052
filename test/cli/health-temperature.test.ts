/**
 * `cxlmi health` and `health --watch` read 7FFFh as "temperature not implemented" (CXL r3.1
 * Table 8-133) and FFFFh as −1 °C.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type3Device } from '../../src/emulator/type3.js';
import { cli } from './run-cli.js';

function deviceAt(celsius: number) {
  const device = new Type3Device();
  device.memdev.health.inject({ device_temperature: celsius });
  return () => [{ name: 'type3', device }];
}

describe('health: temperature not implemented is 7FFFh', () => {
  it('health says "not implemented" for 7FFFh', async () => {
    const r = await cli(['--emulate', 'health'], { emulator: deviceAt(0x7fff) });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /device_temperature +not implemented$/m);
  });

  it('health shows −1 °C for FFFFh', async () => {
    const r = await cli(['--emulate', 'health'], { emulator: deviceAt(-1) });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /device_temperature +-1 °C$/m);
  });

  it('health --watch shows "-" for 7FFFh and −1 °C for FFFFh', async () => {
    const none = await cli(['--emulate', 'health', '--watch', '--count', '1', '--interval', '100'], {
      emulator: deviceAt(0x7fff),
    });
    assert.equal(none.code, 0, none.err);
    assert.match(none.out, /emulator:type3\s+ok\s+Normal\s+3%\s+-\s+\d+\s/);
    const cold = await cli(['--emulate', 'health', '--watch', '--count', '1', '--interval', '100'], {
      emulator: deviceAt(-1),
    });
    assert.equal(cold.code, 0, cold.err);
    assert.match(cold.out, /emulator:type3\s+ok\s+Normal\s+3%\s+-1 °C\s/);
  });
});
