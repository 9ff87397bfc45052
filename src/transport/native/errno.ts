import { constants } from 'node:os';

const NAMES = new Map<number, string>();
for (const [name, value] of Object.entries(constants.errno)) {
  if (!NAMES.has(value)) NAMES.set(value, name);
}

/** This platform's errno numbers by name (Linux values on Linux). */
export const ERRNO = constants.errno;

/** `ENOTTY` for 25 on Linux; `errno N` when unknown. */
export function errnoName(errno: number): string {
  return NAMES.get(errno) ?? `errno ${errno}`;
}
