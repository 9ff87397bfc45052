/** The emulated fabric: a switch, multi-logical and multi-headed devices, and the topology that joins them. */
export { DcdState, tagText } from './dcd-state.js';
export { defaultFabric, Fabric, type FabricNode, type FabricOptions, parseTopology } from './fabric.js';
export { MhdDevice, type MhdOptions } from './mhd.js';
export { MldDevice, type MldOptions } from './mld.js';
export { MldState } from './mld-state.js';
export { PhysicalPort } from './physical-port.js';
export type { PortDevice } from './port-device.js';
export { SwitchDevice, type SwitchOptions } from './switch.js';
export { loadTopology } from './topology-file.js';
export { DEFAULT_TOPOLOGY, type TopologySpec } from './topology-spec.js';
export { VirtualSwitch } from './virtual-switch.js';
