/**
 * Writes docs/emulator-topology.schema.json from the schema the emulator validates topology files
 * with (src/emulator/fabric/topology-schema.ts), formatted as `npm run lint` wants it.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOPOLOGY_SCHEMA } from '../src/emulator/fabric/topology-schema.js';

const target = fileURLToPath(new URL('../docs/emulator-topology.schema.json', import.meta.url));
const biome = fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url));
const text = execFileSync(
  process.execPath,
  [biome, 'format', '--stdin-file-path=docs/emulator-topology.schema.json'],
  { input: `${JSON.stringify(TOPOLOGY_SCHEMA, null, 2)}\n`, encoding: 'utf8' },
);
writeFileSync(target, text);
console.log(`updated ${target}`);
