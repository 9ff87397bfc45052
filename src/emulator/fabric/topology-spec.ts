/**
 * The fabric topology file format (JSON). Sizes are MiB so every value is a plain JSON number.
 *
 *   {
 *     "switch": { "name": "switch0",
 *                 "ports": [ { "id": 0, "type": "usp" },
 *                            { "id": 1, "type": "dsp", "device": "sld0" },
 *                            { "id": 3, "type": "dsp", "device": "mhd0", "head": 0 } ],
 *                 "vcs": [ { "usp": 0, "vppbs": 4, "bind": [ { "vppb": 0, "port": 1 } ] } ] },
 *     "devices": [ { "name": "sld0", "type": "sld" },
 *                  { "name": "mld0", "type": "mld", "lds": 4, "capacity_mib": 4096 },
 *                  { "name": "mhd0", "type": "mhd", "heads": 2,
 *                    "dc_regions": [ { "length_mib": 1024, "block_mib": 2 } ] } ],
 *     "endpoints": [ "switch0", "mld0", "mhd0" ]
 *   }
 *
 * Endpoint names: the switch, an SLD, an MLD (its FM-owned LD), `mld0.ld1` (an LD's own view),
 * an MHD (its head 0) or `mhd0.head1`.
 */

export interface TopologyPort {
  id: number;
  type: 'usp' | 'dsp';
  /** Name of the device connected to this downstream port. */
  device?: string;
  /** Which head of a multi-headed device the port connects to (default 0). */
  head?: number;
}

export interface TopologyVcs {
  usp: number;
  vppbs: number;
  /** Bindings in place at power-on. `ld` for an MLD port. */
  bind?: { vppb: number; port: number; ld?: number }[];
}

export interface TopologySwitch {
  name?: string;
  /** Serial number as hex text (`"0x5317c4000001"`). */
  serial?: string;
  ports: TopologyPort[];
  vcs?: TopologyVcs[];
}

export type TopologyDevice =
  | { name: string; type: 'sld'; serial?: string }
  | { name: string; type: 'mld'; lds: number; capacity_mib: number; granularity?: number; serial?: string }
  | {
      name: string;
      type: 'mhd';
      heads: number;
      lds?: number;
      /** DC regions; each head's Memory Device places them after its static capacity. */
      dc_regions?: { length_mib: number; block_mib?: number }[];
      /** Extents each host holds at power-on (start is a DPA; tags optional). */
      dc_extents?: { host: number; start_mib: number; length_mib: number; tag?: string }[];
      serial?: string;
    };

export interface TopologySpec {
  switch?: TopologySwitch;
  devices?: TopologyDevice[];
  /** CCIs opened as endpoints (default: the switch, each MLD and each MHD). */
  endpoints?: string[];
}

/** The default topology: a switch with an SLD, a 4-LD MLD and a two-headed DCD behind it. */
export const DEFAULT_TOPOLOGY: TopologySpec = {
  switch: {
    name: 'switch0',
    ports: [
      { id: 0, type: 'usp' },
      { id: 1, type: 'dsp', device: 'sld0' },
      { id: 2, type: 'dsp', device: 'mld0' },
      { id: 3, type: 'dsp', device: 'mhd0', head: 0 },
      { id: 4, type: 'dsp' },
    ],
    vcs: [
      {
        usp: 0,
        vppbs: 4,
        bind: [
          { vppb: 0, port: 1 },
          { vppb: 1, port: 2, ld: 0 },
        ],
      },
    ],
  },
  devices: [
    { name: 'sld0', type: 'sld' },
    { name: 'mld0', type: 'mld', lds: 4, capacity_mib: 4096 },
    {
      name: 'mhd0',
      type: 'mhd',
      heads: 2,
      lds: 2,
      dc_regions: [{ length_mib: 1024, block_mib: 2 }],
      dc_extents: [{ host: 0, start_mib: 1024, length_mib: 128 }],
    },
  ],
  endpoints: ['switch0', 'mld0', 'mhd0'],
};
