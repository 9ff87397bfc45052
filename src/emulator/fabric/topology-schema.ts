/**
 * The JSON Schema of a fabric topology file: the one description of what a file may contain.
 * docs/emulator-topology.schema.json is this object as JSON (written by `npm run docs:topology`,
 * checked by a test), for editors and other tools; parseTopology() validates every file with it,
 * so an unknown or misspelled field, a wrong type or an out-of-range number is refused with its
 * path instead of being ignored.
 */
const int = (minimum: number, maximum: number, description: string) => ({
  type: 'integer',
  minimum,
  maximum,
  description,
});

const NAME = '^[A-Za-z][A-Za-z0-9_-]*$';
const serial = {
  type: 'string',
  pattern: '^(0[xX][0-9a-fA-F]{1,16}|[0-9]{1,20})$',
  description: 'serial number as text (hex "0x…" or decimal): 64 bits do not fit a JSON number',
};
const name = { type: 'string', pattern: NAME, description: 'a letter, then letters, digits, _ or -' };

export const TOPOLOGY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'emulator-topology.schema.json',
  title: 'cxlmi emulator fabric topology',
  description: 'A switch, the devices behind it, and the endpoints cxlmi opens (docs/emulator-topology.md).',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'where editors find this schema' },
    switch: {
      type: 'object',
      additionalProperties: false,
      required: ['ports'],
      properties: {
        name: { ...name, description: "the switch's endpoint name (default switch0)" },
        serial,
        ports: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'type'],
            properties: {
              id: int(0, 255, 'physical port number'),
              type: { enum: ['usp', 'dsp'], description: 'upstream or downstream port' },
              device: { ...name, description: 'the device plugged into this downstream port' },
              head: int(0, 31, 'which head of a multi-headed device (default 0)'),
            },
          },
        },
        vcs: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['usp', 'vppbs'],
            properties: {
              usp: int(0, 255, 'its upstream port'),
              vppbs: int(1, 255, 'how many vPPBs'),
              bind: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['vppb', 'port'],
                  properties: {
                    vppb: int(0, 254, 'vPPB index'),
                    port: int(0, 255, 'downstream port'),
                    ld: int(0, 15, 'LD of the MLD on that port (required for an MLD, refused otherwise)'),
                  },
                },
              },
            },
          },
        },
      },
    },
    devices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        discriminator: { propertyName: 'type' },
        oneOf: [
          {
            additionalProperties: false,
            required: ['name', 'type'],
            properties: { name, type: { const: 'sld' }, serial },
          },
          {
            additionalProperties: false,
            required: ['name', 'type', 'lds', 'capacity_mib'],
            properties: {
              name,
              type: { const: 'mld' },
              serial,
              lds: int(1, 16, 'logical devices'),
              capacity_mib: int(256, 16777216, 'memory size in MiB'),
              granularity: int(0, 2, 'allocation unit: 0 = 256 MiB, 1 = 512 MiB, 2 = 1 GiB'),
            },
          },
          {
            additionalProperties: false,
            required: ['name', 'type', 'heads'],
            properties: {
              name,
              type: { const: 'mhd' },
              serial,
              heads: int(1, 32, 'heads (one host each)'),
              lds: int(1, 64, 'logical devices (default: one per head)'),
              dc_regions: {
                type: 'array',
                maxItems: 8,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['length_mib'],
                  properties: {
                    length_mib: int(1, 16777216, 'region length in MiB (whole blocks)'),
                    block_mib: int(1, 1048576, 'block size in MiB, a power of two (default 2)'),
                  },
                },
              },
              dc_extents: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['host', 'start_mib', 'length_mib'],
                  properties: {
                    host: int(0, 31, 'the head whose host holds it'),
                    start_mib: int(0, 16777216, 'device physical address in MiB'),
                    length_mib: int(1, 16777216, 'length in MiB'),
                    tag: {
                      type: 'string',
                      pattern:
                        '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
                      description: 'a UUID',
                    },
                  },
                },
              },
            },
          },
        ],
      },
    },
    endpoints: {
      type: 'array',
      uniqueItems: true,
      items: {
        type: 'string',
        pattern: '^[A-Za-z][A-Za-z0-9_-]*(\\.(ld|head)[0-9]+)?$',
        description: 'a device name, NAME.ldN (an LD of an MLD) or NAME.headN (a head of an MHD)',
      },
    },
  },
} as const;
