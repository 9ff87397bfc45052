/** Test setup: an emulated Type 3 device with a manual clock, and an endpoint on it. */

import type { DeviceEvent } from '../../../src/emulator/device-event.js';
import { emulatorTransport } from '../../../src/emulator/link.js';
import { Type3Device, type Type3Options } from '../../../src/emulator/type3.js';
import { Endpoint } from '../../../src/endpoint/endpoint.js';

export const MiB = 1024n * 1024n;
export const GiB = 1024n * MiB;

export interface Rig {
  device: Type3Device;
  ep: Endpoint;
  /** Advances the device clock. */
  tick(ms: number): void;
  /** Events the device raised, in order. */
  events: DeviceEvent[];
}

export function rig(opts: Omit<Type3Options, 'clock'> = {}): Rig {
  let now = 0;
  const device = new Type3Device({ ...opts, clock: () => now });
  const events: DeviceEvent[] = [];
  device.onEvent((e) => events.push(e));
  const ep = new Endpoint(emulatorTransport(device));
  return {
    device,
    ep,
    events,
    tick(ms: number) {
      now += ms;
    },
  };
}

export function passphrase(text: string): Uint8Array {
  const out = new Uint8Array(32);
  out.set(new TextEncoder().encode(text).subarray(0, 32));
  return out;
}
