/**
 * fast-check arbitraries derived from a layout, so property tests cover every layout in the
 * command table without a hand-written generator per command.
 */
import fc from 'fast-check';
import type { AnyCodec } from '../../src/protocol/layout/codecs.js';
import type { StructLayout } from '../../src/protocol/layout/struct.js';

function intArb(width: number, signed: boolean): fc.Arbitrary<number | bigint> {
  if (width === 8) {
    return signed
      ? fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
      : fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
  }
  const bits = width * 8;
  return signed
    ? fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 })
    : fc.integer({ min: 0, max: 2 ** bits - 1 });
}

const ascii = (n: number) =>
  fc.array(fc.integer({ min: 1, max: 0x7f }), { maxLength: n }).map((cs) => String.fromCharCode(...cs));

function codecArb(c: AnyCodec, maxVar: number): fc.Arbitrary<unknown> {
  switch (c.kind) {
    case 'int':
      return intArb(c.width, c.signed);
    case 'bitfield':
      return intArb(c.base.width, false);
    case 'str':
      return ascii(c.n);
    case 'uuid':
      return fc.uuid().map((u) => u.toLowerCase());
    case 'bytes':
      return c.n !== undefined
        ? fc.uint8Array({ minLength: c.n, maxLength: c.n })
        : fc.uint8Array({ maxLength: maxVar * 4 });
    case 'struct':
      return layoutArb(c.layout, maxVar);
    case 'array': {
      const e = codecArb(c.elem, maxVar);
      return c.n !== undefined
        ? fc.array(e, { minLength: c.n, maxLength: c.n })
        : fc.array(e, { maxLength: maxVar });
    }
    case 'optional':
      return codecArb(c.inner, maxVar);
    default:
      throw new TypeError(`no arbitrary for ${c.kind}`);
  }
}

/** Count fields are written from their array's length on encode; give them that value. */
export function countFields(layout: StructLayout): Map<string, string> {
  const m = new Map<string, string>();
  for (const [key, c0] of Object.entries(layout.fields)) {
    const c = c0.kind === 'optional' ? c0.inner : c0;
    if ((c.kind === 'array' || c.kind === 'bytes') && c.count !== undefined) m.set(c.count, key);
  }
  return m;
}

/** Valid values for a layout: every field in range, optional tails cut at a random point. */
export function layoutArb(layout: StructLayout, maxVar = 4): fc.Arbitrary<Record<string, unknown>> {
  const parts: Record<string, fc.Arbitrary<unknown>> = {};
  const optionalKeys: string[] = [];
  for (const [key, c] of Object.entries(layout.fields)) {
    if (c.kind === 'reserved') continue;
    if (c.kind === 'bits') {
      for (const [bn, spec] of Object.entries(c.fields as Record<string, number | [number, number]>)) {
        const w = typeof spec === 'number' ? 1 : spec[1];
        parts[bn] = fc.integer({ min: 0, max: 2 ** w - 1 });
      }
      continue;
    }
    if (c.kind === 'optional') optionalKeys.push(key);
    parts[key] = codecArb(c, maxVar);
  }
  const counts = countFields(layout);
  return fc.tuple(fc.record(parts), fc.nat(optionalKeys.length)).map(([v, keep]) => {
    const out: Record<string, unknown> = { ...v };
    for (const k of optionalKeys.slice(keep)) delete out[k];
    for (const [countKey, arrKey] of counts) {
      const arr = out[arrKey] as { length: number } | undefined;
      if (arr !== undefined)
        out[countKey] = typeof out[countKey] === 'bigint' ? BigInt(arr.length) : arr.length;
    }
    return out;
  });
}
