/** Installs every Memory Device command handler on a device, backed by one MemdevState. */
import type { EmulatedDevice } from '../device.js';
import { registerCapacityConfig } from './handlers/capacity-config.js';
import { registerDynamicCapacity } from './handlers/dynamic-capacity.js';
import { registerHealth } from './handlers/health.js';
import { registerIdentify } from './handlers/identify.js';
import { registerMediaPoison } from './handlers/media-poison.js';
import { registerSanitize } from './handlers/sanitize.js';
import { registerSecurity } from './handlers/security.js';
import { registerSecurityPassthrough } from './handlers/security-passthrough.js';
import { registerSldQos } from './handlers/sld-qos.js';
import type { MemdevState } from './memdev-state.js';

/**
 * `payloadLimit`: the largest response payload the device builds right now (its response message
 * limit, which Set Response Message Limit may change).
 */
export function registerMemdev(device: EmulatedDevice, state: MemdevState, payloadLimit: () => number): void {
  registerIdentify(device, state);
  registerCapacityConfig(device, state, payloadLimit);
  registerHealth(device, state);
  registerMediaPoison(device, state, payloadLimit);
  registerSanitize(device, state, payloadLimit);
  registerSecurity(device, state);
  registerSecurityPassthrough(device);
  registerSldQos(device, state);
  if (state.config.dcRegions.length > 0) registerDynamicCapacity(device, state, payloadLimit);
}
