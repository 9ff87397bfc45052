/**
 * The byte-vector registry's format and the checks every vector goes through.
 *
 * A vector is a payload written by hand from the spec's layout (as the kernel uapi, QEMU's device
 * model and libcxlmi's packed structures record it) next to the value it must decode to. Never
 * produce one with our encoder: a vector is only worth something when it is independent of the
 * declaration it checks. See docs/adding-a-command.md ("Byte vectors").
 */
import { isDeepStrictEqual } from 'node:util';
import { commandsByName } from '../../src/commands/table.js';
import type { AnyCodec, BitSpec, StructLayout } from '../../src/protocol/layout/index.js';

export interface LayoutVector {
  /** The layout the bytes are for (a command's request or response, as exported). */
  readonly layout: StructLayout;
  /** Where the byte layout was read: spec table and the witnesses (libcxlmi struct, QEMU, uapi). */
  readonly source: string;
  /** The payload, hex; whitespace and `|` (to mark field boundaries) are ignored. */
  readonly hex: string;
  /**
   * What decoding must yield: every field the layout declares except reserved ones (bit groups
   * flattened as the decoder flattens them, nested structs as objects, arrays as arrays), and no
   * derived keys (`_bits` views, scaled `_bytes`). Encoding it must give `hex` back.
   */
  readonly value: Record<string, unknown>;
  /** Optional fields left out (a response of an older revision) — only for an extra vector. */
  readonly note?: string;
}

/** Bytes from a hand-written hex string ("01 02 | 0a"). */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/[\s|]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${s}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** `n` zero bytes as hex (reserved runs). */
export function z(n: number): string {
  return '00 '.repeat(n);
}

/** `n` bytes counting up from `first` (distinct bytes for a wide field), as hex. */
export function seq(first: number, n: number): string {
  return Array.from({ length: n }, (_, i) => ((first + i) & 0xff).toString(16).padStart(2, '0')).join(' ');
}

/** `text` as ASCII, NUL padded to `n` bytes, as hex. */
export function ascii(text: string, n: number): string {
  const b = Array.from(text, (ch) => ch.charCodeAt(0));
  while (b.length < n) b.push(0);
  return b.map((x) => x.toString(16).padStart(2, '0')).join(' ');
}

function layoutOf(name: string, dir: 'request' | 'response'): StructLayout {
  const c = commandsByName.get(name);
  if (c === undefined) throw new Error(`vector for unknown command ${name}`);
  const l = c[dir];
  if (l === null) throw new Error(`${name} has no ${dir} payload`);
  return l;
}

/** The request layout of a command, by its libcxlmi name (`memdev_get_poison_list`). */
export const req = (name: string): StructLayout => layoutOf(name, 'request');
/** The response layout of a command, by its libcxlmi name. */
export const rsp = (name: string): StructLayout => layoutOf(name, 'response');

/** Declares a vector (a plain object; the helper only checks its shape). */
export function vector(v: LayoutVector): LayoutVector {
  return v;
}

/** The fields a layout declares, read out of a decoded value: what a vector's `value` holds. */
export function project(layout: StructLayout, decoded: any): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, codec] of Object.entries(layout.fields as Record<string, AnyCodec>)) {
    if (codec.kind === 'reserved') continue;
    if (codec.kind === 'bits') {
      for (const sub of Object.keys(codec.fields)) out[sub] = decoded[sub];
      continue;
    }
    const inner = codec.kind === 'optional' ? codec.inner : codec;
    const x = decoded[key];
    if (x === undefined && codec.kind === 'optional') continue;
    out[key] = projectCodec(inner, x);
  }
  if (decoded._extra !== undefined) out._extra = decoded._extra;
  return out;
}

function projectCodec(codec: AnyCodec, x: any): unknown {
  if (codec.kind === 'struct') return x === undefined ? x : project(codec.layout, x);
  if (codec.kind === 'array' && codec.elem.kind === 'struct' && Array.isArray(x)) {
    return x.map((e) => project(codec.elem.layout, e));
  }
  return x;
}

function show(x: unknown): string {
  return JSON.stringify(x, (_k, v) =>
    typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
  );
}

/**
 * Runs a vector against a layout (its own, or a mutant of it): decode the bytes and compare with
 * the value, encode the value and compare with the bytes. Returns what went wrong, or undefined.
 */
export function checkVector(layout: StructLayout, v: LayoutVector): string | undefined {
  const bytes = hex(v.hex);
  let decoded: unknown;
  try {
    decoded = project(layout, layout.decode(bytes));
  } catch (e) {
    return `decode threw: ${(e as Error).message}`;
  }
  if (!isDeepStrictEqual(decoded, v.value)) {
    return `decoded ${show(decoded)}\n  expected ${show(v.value)}`;
  }
  let encoded: Uint8Array;
  try {
    encoded = layout.encode(v.value as never);
  } catch (e) {
    return `encode threw: ${(e as Error).message}`;
  }
  if (!isDeepStrictEqual(Buffer.from(encoded), Buffer.from(bytes))) {
    return `encoded ${Buffer.from(encoded).toString('hex')}\n  expected ${Buffer.from(bytes).toString('hex')}`;
  }
  return undefined;
}

function widthOf(c: AnyCodec): number | undefined {
  return c.kind === 'optional' ? c.inner.size : c.size;
}

function leBytes(x: number | bigint, width: number): number[] {
  let b = BigInt(x);
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    out.push(Number(b & 0xffn));
    b >>= 8n;
  }
  return out;
}

/**
 * The distinct-value rule: in every struct (the payload and each nested struct or array element),
 * no two fields of the same width hold the same bytes, and every multi-byte integer has distinct
 * bytes. Then swapping two fields, or reading one a byte off, changes what decodes. Returns the
 * problems found.
 */
export function distinctProblems(layout: StructLayout, v: LayoutVector): string[] {
  const problems: string[] = [];
  walk(layout, v.value, layout.name, problems);
  return problems;
}

function walk(layout: StructLayout, value: any, path: string, problems: string[]): void {
  const seen = new Map<string, string>();
  // A count field's value is the number of entries that follow, so it cannot have distinct bytes;
  // its bytes are still pinned: read wrongly, it claims a different count and decoding fails.
  const counts = new Set<string>();
  for (const c of Object.values(layout.fields as Record<string, AnyCodec>)) {
    const inner = c.kind === 'optional' ? c.inner : c;
    if ((inner.kind === 'array' || inner.kind === 'bytes') && inner.count !== undefined)
      counts.add(inner.count);
  }
  const entries = Object.entries(layout.fields as Record<string, AnyCodec>);
  entries.forEach(([key, codec0], i) => {
    if (codec0.kind === 'reserved') return;
    const codec = codec0.kind === 'optional' ? codec0.inner : codec0;
    let x: unknown;
    if (codec.kind === 'bits') {
      let whole = 0;
      for (const [sub, spec] of Object.entries(codec.fields as Record<string, BitSpec>)) {
        const shift = typeof spec === 'number' ? spec : spec[0];
        whole += Number(value[sub]) * 2 ** shift;
      }
      x = whole;
    } else {
      x = value[key];
      if (x === undefined) return;
    }
    const width = widthOf(codec);
    const integer = codec.kind === 'int' || codec.kind === 'bitfield' || codec.kind === 'bits';
    const b = integer && width ? leBytes(x as number | bigint, width) : undefined;
    if (b && b.length > 1 && !counts.has(key) && new Set(b).size !== b.length)
      problems.push(`${path}.${key}: bytes ${show(b)} repeat (a multi-byte field needs distinct bytes)`);
    if (codec.kind === 'struct') walk(codec.layout, x, `${path}.${key}`, problems);
    if (codec.kind === 'array' && codec.elem.kind === 'struct') {
      (x as unknown[]).forEach((e, i) => {
        walk(codec.elem.layout, e, `${path}.${key}[${i}]`, problems);
      });
    }
    if (width === undefined) return;
    // reserved bytes are zero: a zero field beside them reads the same one byte off
    const besideReserved = entries[i - 1]?.[1].kind === 'reserved' || entries[i + 1]?.[1].kind === 'reserved';
    if (besideReserved && b?.every((x) => x === 0))
      problems.push(`${path}.${key} is zero beside a reserved run (a shift by one byte would go unseen)`);
    const sig = `${width}:${b ? show(b) : show(x)}`;
    const other = seen.get(sig);
    if (other !== undefined) problems.push(`${path}: ${other} and ${key} both hold ${show(x)}`);
    else seen.set(sig, key);
  });
}
