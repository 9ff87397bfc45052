/** Emulated devices with state prepared for CLI tests (what `--emulate` opens through Io.emulator). */

import { HPPR_UUID } from '../../src/commands/generic/ras-features.js';
import { defaultFabric } from '../../src/emulator/fabric/fabric.js';
import type { MhdDevice } from '../../src/emulator/fabric/mhd.js';
import { dpaOf } from '../../src/emulator/memdev/ras/dram-geometry.js';
import { pprFeature, rasFeatures } from '../../src/emulator/memdev/ras/ras-features.js';
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { uuidBytes } from '../../src/protocol/layout/index.js';

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

/** The tag the DCD helpers below put on the extents they offer. */
export const DC_TAG = '5f1c1a5e-0000-4000-8000-000000000001';

/** The default fabric's multi-headed DCD: the model, and head 0 alone as the endpoint to open. */
function mhd(): { mhd: MhdDevice; head: Type3Device; specs: EmulatedEndpointSpec[] } {
  const fabric = defaultFabric();
  const node = fabric.nodes.get('mhd0');
  if (node?.kind !== 'mhd') throw new Error('the default fabric has no mhd0');
  const specs = fabric.endpoints().filter((s) => s.name === 'mhd0');
  return { mhd: node.device, head: node.device.heads[0], specs };
}

/**
 * Head 0 of the default fabric's multi-headed DCD alone (its host side and its FM-API DCD
 * Management): one 1 GiB region at 1 GiB of 2 MiB blocks; host 0 holds 128 MiB at 0x40000000.
 */
export function mhdHead(): EmulatedEndpointSpec[] {
  return mhd().specs;
}

/** mhdHead() with 64 MiB at 0x48000000 tagged DC_TAG offered to host 0 and not answered yet. */
export function mhdWithOffer(): EmulatedEndpointSpec[] {
  const m = mhd();
  m.head.memdev.dc.offer([{ start_dpa: 0x4800_0000n, len: 64n << 20n, tag: uuidBytes(DC_TAG) }]);
  return m.specs;
}

/** mhdWithOffer() with the offer accepted by host 0 and a fabric manager reference held on DC_TAG. */
export function mhdWithTagged(): EmulatedEndpointSpec[] {
  const m = mhd();
  m.head.memdev.dc.offer([{ start_dpa: 0x4800_0000n, len: 64n << 20n, tag: uuidBytes(DC_TAG) }]);
  m.head.memdev.dc.respond([{ start_dpa: 0x4800_0000n, len: 64n << 20n }], false);
  m.mhd.dcd?.fmRefs.set(DC_TAG, 1);
  return m.specs;
}

/** mhdHead() with host 0's extent given back: no extents, so the region's block size can change. */
export function mhdEmpty(): EmulatedEndpointSpec[] {
  const m = mhd();
  m.head.memdev.dc.release([{ start_dpa: 0x4000_0000n, len: 128n << 20n }]);
  return m.specs;
}

/**
 * A Type 3 device whose DRAM failed at one address: an uncorrectable DRAM error asking for
 * maintenance is in the Failure log and the line is poisoned. With `unsafeHppr`, the hPPR feature
 * says the data of the repaired row is not retained (restriction flags bit 2).
 */
export function withDramError(opts: { unsafeHppr?: boolean } = {}): {
  device: Type3Device;
  dpa: bigint;
  emulator: () => EmulatedEndpointSpec[];
} {
  const features = opts.unsafeHppr
    ? rasFeatures().map((f) => (f.uuid === HPPR_UUID ? pprFeature('hard', { restrictionFlags: 0b100 }) : f))
    : undefined;
  const device = new Type3Device(features ? { generic: { features } } : {});
  const dpa = dpaOf({ channel: 1, rank: 0, bankGroup: 3, bank: 1, row: 0x12, column: 5 });
  device.ras.injectDramError({ dpa, uncorrectable: true, nibbleMask: 0x4 });
  return { device, dpa, emulator: () => [{ name: 'type3', device }] };
}
