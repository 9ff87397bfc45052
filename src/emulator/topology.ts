/**
 * What `--emulate` opens: a list of emulated endpoints. The default is one Type 3 memory device;
 * richer topologies (switches, MLDs, multi-headed devices) plug in here.
 */
import type { EmulatedDevice } from './device.js';
import type { EmulatorLinkOptions } from './link.js';
import { Type3Device } from './type3.js';

export interface EmulatedEndpointSpec {
  /** Name shown as the endpoint's description (`emulator:<name>`). */
  name: string;
  device: EmulatedDevice;
  link?: EmulatorLinkOptions;
}

export function defaultTopology(opts: { clock?: () => number } = {}): EmulatedEndpointSpec[] {
  return [{ name: 'type3', device: new Type3Device(opts) }];
}
