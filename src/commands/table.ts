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

function index<K>(key: (c: AnyCommand) => K, what: string): ReadonlyMap<K, AnyCommand> {
  const map = new Map<K, AnyCommand>();
  for (const c of commandTable as readonly AnyCommand[]) {
    const k = key(c);
    if (map.has(k)) throw new Error(`command table: duplicate ${what} ${String(k)}`);
    map.set(k, c);
  }
  return map;
}

export const commandsByOpcode = index((c) => c.opcode, 'opcode');
export const commandsByName = index((c) => c.name, 'name');
export const commandsByMethod = index((c) => c.method, 'method');
