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

/** 32-byte passphrase field for `text` (UTF-8, zero padded), as the CLI sends it. */
export function passphraseBytes(text: string): Uint8Array {
  const out = new Uint8Array(32);
  out.set(new TextEncoder().encode(text));
  return out;
}

/** A Type 3 device with user passphrase "s3cret" and master "m4ster"; `locked` as after a reset. */
export function withPassphrases(locked = false): EmulatedEndpointSpec[] {
  const device = new Type3Device();
  const none = new Uint8Array(32);
  device.memdev.security.setPassphrase(0, none, passphraseBytes('m4ster'));
  device.memdev.security.setPassphrase(1, none, passphraseBytes('s3cret'));
  if (locked) device.memdev.security.reset();
  return [{ name: 'type3', device }];
}

/** A dynamic capacity device: one 1 GiB region of 2 MiB blocks after the static capacity. */
export function withDcRegion(): EmulatedEndpointSpec[] {
  const device = new Type3Device({ dcRegions: [{ length: 1n << 30n, blockSize: 2n << 20n }] });
  return [{ name: 'dcd', device }];
}
