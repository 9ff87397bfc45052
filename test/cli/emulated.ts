/** Emulated devices with state prepared for CLI tests (what `--emulate` opens through Io.emulator). */
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import { Type3Device } from '../../src/emulator/type3.js';

/** A Type 3 device with a Failure and a Warning event recorded (clock set to 2023-11-14T22:13:20Z). */
export function withEvents(): { device: Type3Device; emulator: () => EmulatedEndpointSpec[] } {
  const device = new Type3Device();
  device.timestamp.set(1_700_000_000_000_000_000n);
  device.generic.events.inject('general_media', { phys_addr: 0x1040n, type: 1 }, { log: 2, flags: 2 });
  device.generic.events.inject(
    'memory_module',
    { event_type: 2, life_used: 42, device_temperature: 55 },
    { log: 1, flags: 1 },
  );
  return { device, emulator: () => [{ name: 'type3', device }] };
}

/** A Type 3 device whose firmware slot 2 holds a package, so it can be activated. */
export function withSecondSlot(): EmulatedEndpointSpec[] {
  const device = new Type3Device();
  device.generic.firmware.slots[1] = { revision: 'SLOT2 1.1', image: new Uint8Array(256) };
  return [{ name: 'type3', device }];
}
