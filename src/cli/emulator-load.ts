/**
 * The in-process emulator (every device model) and the emulator service's client link, loaded
 * when a command line uses them (`--emulate`, `emulator:NAME`, `emu:PATH`): a command on a real
 * device does not pay for them.
 */
export async function loadEmulator() {
  const [link, topology, file] = await Promise.all([
    import('../emulator/link.js'),
    import('../emulator/topology.js'),
    import('../emulator/fabric/topology-file.js'),
  ]);
  return {
    emulatorTransport: link.emulatorTransport,
    defaultTopology: topology.defaultTopology,
    loadTopology: file.loadTopology,
  };
}

export const loadEmuService = () => import('../transport/emu/emu-link.js').then((m) => m.openEmuService);
