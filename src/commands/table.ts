/** The command table: every command cxlmi knows, gathered from the per-set folders. */
import type { AnyCommand } from './define.js';
import { fmapiCommands } from './fmapi/index.js';
import { genericCommands } from './generic/index.js';
import { memdevCommands } from './memdev/index.js';
import { vendorCommands } from './vendor/index.js';

export const commandTable = [
  ...genericCommands,
  ...memdevCommands,
  ...fmapiCommands,
  ...vendorCommands,
] as const;

export type CommandTable = typeof commandTable;
export type TableCommand = CommandTable[number];

function index<K>(
  key: (c: AnyCommand) => K,
  what: string,
  skip: (c: AnyCommand) => boolean = () => false,
): ReadonlyMap<K, AnyCommand> {
  const map = new Map<K, AnyCommand>();
  for (const c of commandTable as readonly AnyCommand[]) {
    if (skip(c)) continue;
    const k = key(c);
    if (map.has(k)) throw new Error(`command table: duplicate ${what} ${String(k)}`);
    map.set(k, c);
  }
  return map;
}

/** By opcode: the primary declaration when several share one (see `sharesOpcode`). */
export const commandsByOpcode = index(
  (c) => c.opcode,
  'opcode',
  (c) => c.sharesOpcode === true,
);
export const commandsByName = index((c) => c.name, 'name');
export const commandsByMethod = index((c) => c.method, 'method');
