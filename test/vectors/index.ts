/** Every layout vector, gathered from the per-set files. Add a file's list here. */
import { fmapiVectors } from './fmapi.js';
import { genericVectors } from './generic.js';
import { maintenanceVectors } from './maintenance.js';
import { memdevVectors } from './memdev.js';
import type { LayoutVector } from './vector.js';

export const allVectors: readonly LayoutVector[] = [
  ...genericVectors,
  ...maintenanceVectors,
  ...memdevVectors,
  ...fmapiVectors,
];
