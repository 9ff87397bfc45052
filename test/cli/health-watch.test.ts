import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type3Device } from '../../src/emulator/type3.js';
import { cli } from './run-cli.js';

const ESC = String.fromCharCode(0x1b);

describe('cxlmi health --watch', () => {
  it('--json prints one line per endpoint, then only when something changes', async () => {
    const device = new Type3Device();
    let rounds = 0;
    // The emulator's clock is read on every command; use it to change the health between rounds.
    const realHealth = device.memdev.health.snapshot.bind(device.memdev.health);
    device.memdev.health.snapshot = () => {
      rounds++;
      if (rounds === 3) device.memdev.health.inject({ device_temperature: 81 });
      return realHealth();
    };
    const r = await cli(['--emulate', 'health', '--watch', '--json', '--count', '4', '--interval', '100'], {
      emulator: () => [{ name: 'type3', device }],
    });
    assert.equal(r.code, 0, r.err);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(rounds, 4, 'polled four times');
    assert.equal(lines.length, 2, 'the first report and the change');
    assert.equal(lines[0].endpoint, 'emulator:type3');
    assert.equal(lines[0].device_temperature, 35);
    assert.equal(lines[1].device_temperature, 81);
    assert.ok(Date.parse(lines[1].time) >= Date.parse(lines[0].time));
  });

  it('prints a table per round where stdout is not a terminal', async () => {
    const r = await cli(['--emulate', 'health', '--watch', '--count', '2', '--interval', '100']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.match(/^ENDPOINT\s+HEALTH\s+MEDIA/gm)?.length, 2);
    assert.match(r.out, /emulator:type3\s+ok\s+Normal\s+3%\s+35 °C/);
    assert.ok(!r.out.includes(`${ESC}[`), 'no cursor movement into a pipe');
  });

  it('redraws in place on a terminal', async () => {
    const r = await cli(['--emulate', 'health', '--watch', '--count', '2', '--interval', '100'], {
      stdoutTty: true,
    });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`${ESC}\\[\\d+F${ESC}\\[J`));
  });

  it('rejects a bad interval', async () => {
    const r = await cli(['--emulate', 'health', '--watch', '--interval', 'soon']);
    assert.equal(r.code, 2);
  });
});
