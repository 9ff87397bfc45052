/** Text-like field kinds: fixed ASCII strings and UUIDs. */

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** 16 bytes at `o` as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, bytes in wire order. */
export function readUuid(u8: Uint8Array, o: number): string {
  return (
    HEX[u8[o]] +
    HEX[u8[o + 1]] +
    HEX[u8[o + 2]] +
    HEX[u8[o + 3]] +
    '-' +
    HEX[u8[o + 4]] +
    HEX[u8[o + 5]] +
    '-' +
    HEX[u8[o + 6]] +
    HEX[u8[o + 7]] +
    '-' +
    HEX[u8[o + 8]] +
    HEX[u8[o + 9]] +
    '-' +
    HEX[u8[o + 10]] +
    HEX[u8[o + 11]] +
    HEX[u8[o + 12]] +
    HEX[u8[o + 13]] +
    HEX[u8[o + 14]] +
    HEX[u8[o + 15]]
  );
}

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Parses a UUID string (dashes optional) into 16 bytes. */
export function uuidBytes(text: string): Uint8Array {
  if (typeof text !== 'string' || !UUID_RE.test(text)) {
    throw new TypeError(`not a UUID: ${String(text)}`);
  }
  const hex = text.replace(/-/g, '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function writeUuid(u8: Uint8Array, o: number, value: unknown, layout: string, field: string): void {
  if (typeof value !== 'string' || !UUID_RE.test(value)) {
    throw new TypeError(
      `${layout}.${field} must be a UUID string, got ${value === undefined ? 'nothing' : String(value)}`,
    );
  }
  u8.set(uuidBytes(value), o);
}

/** ASCII text of at most `n` bytes, cut at the first NUL. */
export function readStr(u8: Uint8Array, o: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const c = u8[o + i];
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

export function writeStr(
  u8: Uint8Array,
  o: number,
  n: number,
  value: unknown,
  layout: string,
  field: string,
): void {
  if (typeof value !== 'string') throw new TypeError(`${layout}.${field} must be a string`);
  if (value.length > n)
    throw new RangeError(`${layout}.${field} is ${value.length} characters, at most ${n} fit`);
  for (let i = 0; i < n; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 0;
    if (c > 0x7f) throw new RangeError(`${layout}.${field} must be ASCII`);
    u8[o + i] = c;
  }
}
