/**
 * The DRAM address options of `cxlmi maintenance sparing`: the field of
 * `DramAddress` each sets, its option name, and its largest value. Declared once for the
 * registration (help) and the action (parsing).
 */
import type { DramAddress } from '../endpoint/maintenance.js';

export const ADDRESS_OPTIONS: readonly (readonly [keyof DramAddress, string, number])[] = [
  ['channel', 'channel', 0xff],
  ['rank', 'rank', 0xff],
  ['bankGroup', 'bank-group', 0xff],
  ['bank', 'bank', 0xff],
  ['row', 'row', 0xffffff],
  ['column', 'column', 0xffff],
  ['subChannel', 'sub-channel', 0xff],
  ['nibbleMask', 'nibble-mask', 0xffffff],
];
