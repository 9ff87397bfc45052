import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { cli } from './run-cli.js';

function oneDevice(): { device: Type3Device; emulator: () => EmulatedEndpointSpec[] } {
  const device = new Type3Device();
  return { device, emulator: () => [{ name: 'type3', device }] };
}

describe('cxlmi health alerts set (Set Alert Configuration 4202h)', () => {
  it('enables the warnings given with their thresholds and prints the configuration after', async () => {
    const { emulator } = oneDevice();
    const r = await cli(
      ['--emulate', 'health', 'alerts', 'set', '--life-used', '77', '--over-temperature', '66'],
      {
        emulator,
      },
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}valid_alerts +3 \(life_used, device_over_temperature\)$/m);
    assert.match(r.out, /^ {2}life_used_programmable_warning_threshold +77$/m);
    assert.match(r.out, /^ {2}device_over_temperature_programmable_warning_threshold +66$/m);
  });

  it('--json: a negative temperature, and off disables a warning; the others keep their thresholds', async () => {
    const { emulator } = oneDevice();
    const on = await cli(['--emulate', 'health', 'alerts', 'set', '--under-temperature', '-5', '--json'], {
      emulator,
    });
    assert.equal(on.code, 0, on.err);
    const a = JSON.parse(on.out);
    assert.equal(a.device_under_temperature_programmable_warning_threshold, -5);
    assert.equal(a.valid_alerts_bits.device_under_temperature, true);
    const off = await cli(['--emulate', 'health', 'alerts', 'set', '--under-temperature', 'off', '--json'], {
      emulator,
    });
    assert.equal(off.code, 0, off.err);
    const b = JSON.parse(off.out);
    assert.equal(b.valid_alerts_bits.device_under_temperature, false);
    assert.equal(b.life_used_programmable_warning_threshold, a.life_used_programmable_warning_threshold);
  });

  it('a threshold at or above the critical one is the device refusing it (Invalid Input)', async () => {
    const r = await cli(['--emulate', 'health', 'alerts', 'set', '--life-used', '95'], oneDevice());
    assert.equal(r.code, EXIT_DEVICE);
    assert.match(r.err, /invalid input/i);
  });

  it('nothing to change, or a bad threshold, is a usage error', async () => {
    const none = await cli(['--emulate', 'health', 'alerts', 'set']);
    assert.equal(none.code, EXIT_USAGE);
    assert.match(none.err, /say which warnings to change/);
    const bad = await cli(['--emulate', 'health', 'alerts', 'set', '--life-used', '101']);
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.err, /--life-used must be 'off' or a whole number from 0 to 100, got '101'/);
  });

  it('plain `health` still reads health info with targets and options', async () => {
    const r = await cli(['--emulate', 'health', '--alerts', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.ok('alert_config' in JSON.parse(r.out));
  });
});

describe('cxlmi shutdown-state (Get/Set Shutdown State 4203h/4204h)', () => {
  it('get shows clean on a fresh device, as text and --json (state bit 0 = dirty)', async () => {
    const t = await cli(['--emulate', 'shutdown-state']);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /^ {2}state {2}clean$/m);
    const j = await cli(['--emulate', 'shutdown-state', 'get', '--json']);
    assert.deepEqual(JSON.parse(j.out), { state: 0, state_bits: { dirty: false } });
  });

  it('set dirty with --yes changes the device state', async () => {
    const { device, emulator } = oneDevice();
    const r = await cli(['--emulate', 'shutdown-state', 'set', 'dirty', '--yes'], { emulator });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {2}state {2}dirty$/m);
    assert.equal(device.memdev.health.shutdownDirty, true);
    const back = await cli(['--emulate', 'shutdown-state', 'set', 'clean', '--yes', '--json'], { emulator });
    assert.deepEqual(JSON.parse(back.out), { state: 0, state_bits: { dirty: false } });
  });

  it('set needs --yes without a terminal and leaves the state alone', async () => {
    const { device, emulator } = oneDevice();
    const r = await cli(['--emulate', 'shutdown-state', 'set', 'dirty'], { emulator });
    assert.equal(r.code, EXIT_USAGE);
    assert.match(
      r.err,
      /not confirmed: add --yes to mark the shutdown state of emulator:type3 \(Type 3, serial 0x00c0ffee12345678\) dirty/,
    );
    assert.equal(device.memdev.health.shutdownDirty, false);
  });

  it('a state other than dirty/clean is a usage error', async () => {
    const r = await cli(['--emulate', 'shutdown-state', 'set', 'maybe', '--yes']);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /'dirty' or 'clean', not 'maybe'/);
  });
});
