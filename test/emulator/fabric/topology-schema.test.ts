/**
 * Topology files are checked against the published JSON Schema: every mistake is a usage error
 * naming the field and its path, nothing is silently dropped, and every shipped topology passes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTopology } from '../../../src/emulator/fabric/index.js';
import { TOPOLOGY_SCHEMA } from '../../../src/emulator/fabric/topology-schema.js';
import { DEFAULT_TOPOLOGY } from '../../../src/emulator/fabric/topology-spec.js';
import { CxlmiUsageError } from '../../../src/errors.js';
import { cli } from '../../cli/run-cli.js';

const ports = [
  { id: 0, type: 'usp' },
  { id: 1, type: 'dsp', device: 'mem0' },
];
const mem0 = { name: 'mem0', type: 'sld' };

const CASES: [string, unknown, string][] = [
  [
    'a misspelled port field',
    { switch: { ports: [ports[0], { id: 1, type: 'dsp', devise: 'mem0' }] } },
    'topology: switch.ports[1]: unknown field "devise"',
  ],
  [
    'a misspelled top-level field',
    { endpoint: ['mem0'], devices: [mem0] },
    'topology: unknown field "endpoint"',
  ],
  ['a top-level array', [mem0], 'topology: must be an object, not an array'],
  [
    'duplicate endpoint names',
    { devices: [mem0, { name: 'm1', type: 'sld' }], endpoints: ['mem0', 'm1', 'mem0'] },
    'topology: endpoints: "mem0" is listed twice (items 2 and 0)',
  ],
  [
    'a port id out of range',
    { switch: { ports: [{ id: 256, type: 'usp' }] } },
    'topology: switch.ports[0].id: 256 is out of range (0..255)',
  ],
  [
    'a capacity out of range',
    { devices: [{ name: 'p', type: 'mld', lds: 2, capacity_mib: 100 }] },
    'topology: devices[0].capacity_mib: 100 is out of range (256..16777216)',
  ],
  [
    'a fractional number',
    { devices: [{ name: 'p', type: 'mld', lds: 1.5, capacity_mib: 1024 }] },
    'topology: devices[0].lds: 1.5 is not a whole number',
  ],
  [
    'an unknown device type',
    { devices: [{ name: 'p', type: 'xld' }] },
    'topology: devices[0]: type must be "sld", "mld" or "mhd", not "xld"',
  ],
  [
    'a field of another device type',
    { devices: [{ name: 'p', type: 'sld', lds: 2 }] },
    'topology: devices[0]: unknown field "lds"',
  ],
  [
    'a misspelled region field',
    { devices: [{ name: 'h', type: 'mhd', heads: 1, dc_regions: [{ length_mib: 8, blok_mib: 2 }] }] },
    'topology: devices[0].dc_regions[0]: unknown field "blok_mib"',
  ],
  [
    'a missing field',
    { devices: [{ name: 'p', type: 'mld', lds: 2 }] },
    'topology: devices[0]: missing field "capacity_mib"',
  ],
  [
    'a serial given as a number',
    { devices: [{ ...mem0, serial: 5 }] },
    'topology: devices[0].serial: must be text, not a number',
  ],
  [
    'a duplicate device name',
    { devices: [mem0, { name: 'mem0', type: 'sld' }] },
    'topology: devices[1].name: "mem0" is declared twice',
  ],
  [
    'a misspelled bind field',
    { switch: { ports, vcs: [{ usp: 0, vppbs: 2, bind: [{ vppb: 0, prot: 1 }] }] }, devices: [mem0] },
    'topology: switch.vcs[0].bind[0]: unknown field "prot"',
  ],
];

describe('topology files against the JSON Schema', () => {
  for (const [what, spec, message] of CASES) {
    it(`refuses ${what}, naming the path`, () => {
      assert.throws(
        () => parseTopology(JSON.stringify(spec)),
        (e: unknown) => e instanceof CxlmiUsageError && e.message === message,
        message,
      );
    });
  }

  it('accepts every topology the project ships, and a "$schema" reference', () => {
    parseTopology(JSON.stringify(DEFAULT_TOPOLOGY));
    parseTopology(readFileSync(new URL('../../../examples/fabric-topology.json', import.meta.url), 'utf8'));
    const doc = readFileSync(new URL('../../../docs/emulator-topology.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    assert.ok(example);
    parseTopology(example);
    parseTopology(JSON.stringify({ $schema: './emulator-topology.schema.json', devices: [mem0] }));
  });

  it('docs/emulator-topology.schema.json is the schema the emulator validates with', () => {
    const published = JSON.parse(
      readFileSync(new URL('../../../docs/emulator-topology.schema.json', import.meta.url), 'utf8'),
    );
    assert.deepEqual(published, JSON.parse(JSON.stringify(TOPOLOGY_SCHEMA)), 'run npm run docs:topology');
  });

  it('the CLI reports the mistake as one usage error line (exit 2)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cxlmi-topo-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ switch: { ports: [ports[0], { id: 1, type: 'dsp', devise: 'mem0' }] } }),
    );
    const r = await cli([`--emulate=${file}`, 'list']);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'cxlmi: topology: switch.ports[1]: unknown field "devise"\n');
  });
});
