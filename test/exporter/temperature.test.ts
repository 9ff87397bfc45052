/**
 * Get Health Info's "temperature not implemented" is 7FFFh (CXL r3.1 Table 8-133); FFFFh is a real
 * −1 °C. The exporter leaves the metric out for the first and publishes the second.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Context } from '../../src/endpoint/context.js';
import type { Endpoint } from '../../src/endpoint/endpoint.js';
import { healthProbe } from '../../src/exporter/probes.js';

describe('exporter: device temperature', () => {
  let ctx: Context;
  let ep: Endpoint;
  const device = new Type3Device();

  before(async () => {
    ctx = new Context({ probe: false, log: () => {} });
    ep = await ctx.openTransport(emulatorTransport(device, { description: 'emulator:type3' }));
  });
  after(() => ctx.close());

  async function temperatures(): Promise<number[]> {
    const id = await ep.identify();
    const signal = new AbortController().signal;
    const samples = await healthProbe.collect(ep, { id, signal, once: (_k, fn) => fn() });
    return samples.filter((s) => s.metric === 'cxl_temperature_celsius').map((s) => s.value);
  }

  it('publishes a reading of −1 °C (FFFFh)', async () => {
    device.memdev.health.inject({ device_temperature: -1 });
    assert.deepEqual(await temperatures(), [-1]);
  });

  it('leaves the metric out when the device reports 7FFFh (not implemented)', async () => {
    device.memdev.health.inject({ device_temperature: 0x7fff });
    assert.deepEqual(await temperatures(), []);
  });

  it('publishes 32766 °C, the value next to the marker, as a reading', async () => {
    device.memdev.health.inject({ device_temperature: 0x7ffe });
    assert.deepEqual(await temperatures(), [0x7ffe]);
  });
});
