/** Loads a fabric topology for `--emulate=FILE`: a JSON file, or `fabric` for the built-in default. */
import { readFileSync } from 'node:fs';
import { CxlmiUsageError } from '../../errors.js';
import type { EmulatedEndpointSpec } from '../topology.js';
import { defaultFabric, type FabricOptions, parseTopology } from './fabric.js';

export function loadTopology(source: string, opts?: FabricOptions): EmulatedEndpointSpec[] {
  if (source === 'fabric' || source === 'default') return defaultFabric(opts).endpoints();
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (e) {
    throw new CxlmiUsageError(
      `cannot read topology file ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseTopology(text, opts).endpoints();
}
