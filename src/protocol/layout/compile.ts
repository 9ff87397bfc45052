/**
 * Code generation for struct layouts. Each struct becomes four functions:
 *   decodeAt(u8, o, end, S) → value   (sets S.pos to the offset after the struct)
 *   encodeAt(v, u8, o, S)   → offset after the struct
 *   sizeOf(v)                   → encoded size
 *   zero()                      → all-zero value
 * Bounds are checked once per run of fixed-size fields; the slow path (which field was cut short)
 * only runs when a check fails.
 *
 * Generated code never touches `.buffer`, `subarray()` or `new DataView()` on the message: for a
 * small Uint8Array any of those makes V8 move its bytes off the JS heap (a fresh ArrayBuffer
 * backing store per message). 64-bit fields go through one module-level scratch view instead, and
 * a response is decoded where it lies in the received message (`decodeFrom(message, 12)`).
 */
import { CxlmiDecodeError } from '../../errors.js';
import type { AnyCodec, BitSpec, IntCodec, ScaledCodec } from './codecs.js';
import type { StructLayout } from './struct.js';
import { readStr, readUuid, writeStr, writeUuid, ZERO_UUID } from './text.js';

export interface DecodeState {
  pos: number;
  ctx: string;
  path: string;
  /** Where the payload starts in the buffer being decoded: error offsets are relative to it. */
  base: number;
}

export interface CompiledStruct {
  decodeAt(u8: Uint8Array, o: number, end: number, S: DecodeState): any;
  encodeAt(v: any, u8: Uint8Array, o: number, S: DecodeState): number;
  sizeOf(v: any): number;
  zero(): any;
  decode(bytes: Uint8Array, context: string): any;
  /** Decodes the payload at `bytes[start..end)` in place (no view, no copy). */
  decodeFrom(bytes: Uint8Array, start: number, end: number, context: string): any;
  encode(value: any, context: string): Uint8Array;
  /** Encodes after `headroom` free bytes (for a header the caller writes in front). */
  encodeAfter(value: any, context: string, headroom: number): Uint8Array;
  /**
   * Copies a decoded value's fields onto `target` (what `Object.assign(target, value)` does for a
   * value this layout decoded, `_extra` included when present), one generated assignment per field.
   */
  assignTo(target: any, value: any): void;
}

interface RunField {
  name: string;
  off: number;
  size: number;
}

/**
 * The one scratch view 64-bit fields go through: the 8 bytes are copied in or out of it, so the
 * message itself never needs an ArrayBuffer of its own.
 */
const SCRATCH = new Uint8Array(8);
const SCRATCH_VIEW = new DataView(SCRATCH.buffer);

function load8(u8: Uint8Array, p: number): void {
  SCRATCH[0] = u8[p];
  SCRATCH[1] = u8[p + 1];
  SCRATCH[2] = u8[p + 2];
  SCRATCH[3] = u8[p + 3];
  SCRATCH[4] = u8[p + 4];
  SCRATCH[5] = u8[p + 5];
  SCRATCH[6] = u8[p + 6];
  SCRATCH[7] = u8[p + 7];
}

function store8(u8: Uint8Array, p: number): void {
  u8[p] = SCRATCH[0];
  u8[p + 1] = SCRATCH[1];
  u8[p + 2] = SCRATCH[2];
  u8[p + 3] = SCRATCH[3];
  u8[p + 4] = SCRATCH[4];
  u8[p + 5] = SCRATCH[5];
  u8[p + 6] = SCRATCH[6];
  u8[p + 7] = SCRATCH[7];
}

/** Helpers the generated code calls; one object shared by every layout. */
const H = {
  u64(u8: Uint8Array, p: number): bigint {
    load8(u8, p);
    return SCRATCH_VIEW.getBigUint64(0, true);
  },
  s64(u8: Uint8Array, p: number): bigint {
    load8(u8, p);
    return SCRATCH_VIEW.getBigInt64(0, true);
  },
  wu64(u8: Uint8Array, p: number, x: bigint): void {
    SCRATCH_VIEW.setBigUint64(0, x, true);
    store8(u8, p);
  },
  ws64(u8: Uint8Array, p: number, x: bigint): void {
    SCRATCH_VIEW.setBigInt64(0, x, true);
    store8(u8, p);
  },
  readUuid,
  readStr,
  writeStr,
  writeUuid,
  short(S: DecodeState, layout: string, run: RunField[], base: number, end: number): never {
    const avail = end - base;
    const f = run.find((r) => r.off + r.size > avail) ?? run[run.length - 1];
    throw new CxlmiDecodeError(
      `payload ends inside ${layout}.${f.name} (needs ${f.off + f.size} bytes from offset ${base - S.base}, ${avail} arrived)`,
      { command: S.ctx, field: `${S.path}${f.name}`, offset: base - S.base + f.off, length: end - S.base },
    );
  },
  overrun(
    S: DecodeState,
    layout: string,
    field: string,
    count: number,
    unit: number,
    at: number,
    end: number,
  ): never {
    throw new CxlmiDecodeError(
      `${layout}.${field} claims ${count} ${unit === 1 ? 'bytes' : `entries of ${unit} bytes`} but only ${end - at} bytes remain`,
      { command: S.ctx, field: `${S.path}${field}`, offset: at - S.base, length: end - S.base },
    );
  },
  leftover(S: DecodeState, layout: string, field: string, unit: number, at: number, end: number): never {
    throw new CxlmiDecodeError(
      `${layout}.${field} holds ${unit}-byte entries but ${end - at} bytes remain (${(end - at) % unit} left over)`,
      { command: S.ctx, field: `${S.path}${field}`, offset: at - S.base, length: end - S.base },
    );
  },
  badInt(layout: string, field: string, x: unknown, kind: string): never {
    if (x === undefined) throw new TypeError(`${layout}.${field} is missing`);
    if (typeof x !== 'number' && typeof x !== 'bigint') {
      throw new TypeError(`${layout}.${field} must be a ${kind} integer, got ${typeof x}`);
    }
    throw new RangeError(`${layout}.${field} = ${String(x)} does not fit a ${kind} field`);
  },
  big(layout: string, field: string, x: unknown, signed: boolean): bigint {
    let b: bigint;
    if (typeof x === 'bigint') b = x;
    else if (typeof x === 'number' && Number.isSafeInteger(x)) b = BigInt(x);
    else return H.badInt(layout, field, x, signed ? 's64' : 'u64');
    if ((signed ? BigInt.asIntN(64, b) : BigInt.asUintN(64, b)) !== b)
      H.badInt(layout, field, x, signed ? 's64' : 'u64');
    return b;
  },
  bytesIn(layout: string, field: string, x: unknown, max: number): Uint8Array {
    if (!(x instanceof Uint8Array)) {
      throw new TypeError(
        `${layout}.${field} must be a Uint8Array${x === undefined ? ' (it is missing)' : ''}`,
      );
    }
    if (x.length > max)
      throw new RangeError(`${layout}.${field} holds ${x.length} bytes, at most ${max} fit`);
    return x;
  },
  arrayIn(layout: string, field: string, x: unknown, max: number): unknown[] {
    if (!Array.isArray(x)) {
      throw new TypeError(`${layout}.${field} must be an array${x === undefined ? ' (it is missing)' : ''}`);
    }
    if (x.length > max)
      throw new RangeError(`${layout}.${field} holds ${x.length} entries, at most ${max} fit`);
    return x;
  },
};

const INT_NAMES: Record<string, string> = {
  '1u': 'u8',
  '2u': 'u16',
  '3u': 'u24',
  '4u': 'u32',
  '8u': 'u64',
  '1s': 's8',
  '2s': 's16',
  '4s': 's32',
  '8s': 's64',
};

function intRead(c: IntCodec<any>, p: string): string {
  if (c.signed) {
    switch (c.width) {
      case 1:
        return `((u8[${p}] << 24) >> 24)`;
      case 2:
        return `(((u8[${p}] | (u8[${p} + 1] << 8)) << 16) >> 16)`;
      case 4:
        return `(u8[${p}] | (u8[${p} + 1] << 8) | (u8[${p} + 2] << 16) | (u8[${p} + 3] << 24))`;
      case 8:
        return `H.s64(u8, ${p})`;
      default:
        throw new RangeError(`no signed ${c.width * 8}-bit integers`);
    }
  }
  switch (c.width) {
    case 1:
      return `u8[${p}]`;
    case 2:
      return `(u8[${p}] | (u8[${p} + 1] << 8))`;
    case 3:
      return `(u8[${p}] | (u8[${p} + 1] << 8) | (u8[${p} + 2] << 16))`;
    case 4:
      return `((u8[${p}] | (u8[${p} + 1] << 8) | (u8[${p} + 2] << 16) | (u8[${p} + 3] << 24)) >>> 0)`;
    case 8:
      return `H.u64(u8, ${p})`;
  }
}

function intCheck(c: IntCodec<any>, x: string): string {
  if (c.signed) {
    switch (c.width) {
      case 1:
        return `((${x} << 24) >> 24) !== ${x}`;
      case 2:
        return `((${x} << 16) >> 16) !== ${x}`;
      default:
        return `(${x} | 0) !== ${x}`;
    }
  }
  switch (c.width) {
    case 1:
      return `(${x} & 0xff) !== ${x}`;
    case 2:
      return `(${x} & 0xffff) !== ${x}`;
    case 3:
      return `(${x} & 0xffffff) !== ${x}`;
    default:
      return `(${x} >>> 0) !== ${x}`;
  }
}

function intWrite(c: IntCodec<any>, p: string, x: string): string {
  switch (c.width) {
    case 1:
      return `u8[${p}] = ${x};`;
    case 2:
      return `u8[${p}] = ${x}; u8[${p} + 1] = ${x} >>> 8;`;
    case 3:
      return `u8[${p}] = ${x}; u8[${p} + 1] = ${x} >>> 8; u8[${p} + 2] = ${x} >>> 16;`;
    case 4:
      return `u8[${p}] = ${x}; u8[${p} + 1] = ${x} >>> 8; u8[${p} + 2] = ${x} >>> 16; u8[${p} + 3] = ${x} >>> 24;`;
    case 8:
      return c.signed ? `H.ws64(u8, ${p}, ${x});` : `H.wu64(u8, ${p}, ${x});`;
  }
}

function bitRange(spec: BitSpec): [number, number] {
  return typeof spec === 'number' ? [spec, 1] : [spec[0], spec[1]];
}

function maskOf(width: number): string {
  return width >= 32 ? '0xffffffff' : `0x${(2 ** width - 1).toString(16)}`;
}

/** Expression decoding an integer, string or UUID field at byte offset expression `p`. */
function fixedRead(c: AnyCodec, p: string): string {
  switch (c.kind) {
    case 'int':
      return intRead(c, p);
    case 'str':
      return `H.readStr(u8, ${p}, ${c.n})`;
    case 'uuid':
      return `H.readUuid(u8, ${p})`;
    default:
      throw new TypeError(`cannot read a ${c.kind} here`);
  }
}

export function compileStruct(layout: StructLayout): CompiledStruct {
  const name = layout.name;
  const entries = Object.entries(layout.fields);
  const refs: unknown[] = [];
  const runs: RunField[][] = [];
  const countOf = new Map<string, string>(); // count field → the field whose length it gives
  for (const [key, codec0] of entries) {
    const codec = codec0.kind === 'optional' ? codec0.inner : codec0;
    if ((codec.kind === 'array' || codec.kind === 'bytes') && codec.count !== undefined) {
      countOf.set(codec.count, key);
    }
  }
  const J = JSON.stringify;

  // ---------------------------------------------------------------- decode
  const d: string[] = [];
  const locals: string[] = [];
  const result: string[] = [];
  const localOf = new Map<string, string>(); // field (or bit sub-field) name → local holding it
  let k = 0;
  let tailOpen = false;

  /** Emits a bounds check for the run of fixed-size fields starting at index i. */
  const checkRun = (i: number, onlyOne: boolean) => {
    const run: RunField[] = [];
    let off = 0;
    for (let j = i; j < entries.length; j++) {
      const [key, c0] = entries[j];
      if (c0.kind === 'optional' && (j !== i || !onlyOne)) break;
      const c = c0.kind === 'optional' ? c0.inner : c0;
      if (c.size === undefined) break;
      run.push({ name: key, off, size: c.size });
      off += c.size;
      if (onlyOne) break;
    }
    if (off === 0) return;
    runs.push(run);
    d.push(`if (end - o < ${k + off}) H.short(S, ${J(name)}, RUNS[${runs.length - 1}], o + ${k}, end);`);
  };

  let needCheck = true;
  for (let i = 0; i < entries.length; i++) {
    const [key, c0] = entries[i];
    const isOpt = c0.kind === 'optional';
    const c = isOpt ? c0.inner : c0;
    if (isOpt) {
      if (!tailOpen) {
        d.push('T: {');
        tailOpen = true;
      }
      d.push(`if (o + ${k} === end) { S.pos = end; break T; }`);
      if (c.size !== undefined) checkRun(i, true);
    } else if (needCheck && c.size !== undefined) {
      checkRun(i, false);
      needCheck = false;
    }
    const p = `o + ${k}`;
    const local = `f${i}`;
    switch (c.kind) {
      case 'reserved':
        k += c.n;
        break;
      case 'int':
      case 'str':
      case 'uuid':
        locals.push(local);
        d.push(`${local} = ${fixedRead(c, p)};`);
        result.push(`${J(key)}: ${local}`);
        if (c.kind === 'int' && 'factor' in c) {
          const sc = c as ScaledCodec;
          result.push(
            `${J(`${key}_${sc.suffix}`)}: ${local} === undefined ? undefined : ${local} * ${sc.factor}n`,
          );
        }
        localOf.set(key, local);
        k += c.size as number;
        break;
      case 'bitfield': {
        locals.push(local);
        d.push(`${local} = ${intRead(c.base, p)};`);
        result.push(`${J(key)}: ${local}`);
        const view = Object.entries(c.fields as Record<string, BitSpec>).map(([bn, spec]) => {
          const [s, w] = bitRange(spec);
          return typeof spec === 'number'
            ? `${J(bn)}: ((${local} >>> ${s}) & 1) !== 0`
            : `${J(bn)}: (${local} >>> ${s}) & ${maskOf(w)}`;
        });
        result.push(`${J(`${key}_bits`)}: { ${view.join(', ')} }`);
        localOf.set(key, local);
        k += c.size as number;
        break;
      }
      case 'bits': {
        d.push(`const t${i} = ${intRead(c.base, p)};`);
        for (const [bn, spec] of Object.entries(c.fields as Record<string, BitSpec>)) {
          const [s, w] = bitRange(spec);
          const bl = `f${i}_${localOf.size}`;
          locals.push(bl);
          d.push(`${bl} = ${w >= 32 ? `t${i} >>> ${s}` : `(t${i} >>> ${s}) & ${maskOf(w)}`};`);
          result.push(`${J(bn)}: ${bl}`);
          localOf.set(bn, bl);
        }
        k += c.size as number;
        break;
      }
      case 'bytes': {
        locals.push(local);
        result.push(`${J(key)}: ${local}`);
        if (c.n !== undefined) {
          d.push(`${local} = u8.subarray(${p}, ${p} + ${c.n});`);
          k += c.n;
        } else {
          if (c.rest) {
            d.push(`${local} = u8.subarray(${p}, end);`, 'o = end;');
          } else {
            const cnt = localOf.get(c.count as string);
            if (!cnt) throw new TypeError(`${name}.${key}: count field ${c.count} must come earlier`);
            d.push(
              `if (${cnt} > end - (${p})) H.overrun(S, ${J(name)}, ${J(key)}, ${cnt}, 1, ${p}, end);`,
              `${local} = u8.subarray(${p}, ${p} + ${cnt});`,
              `o = ${p} + ${cnt};`,
            );
          }
          k = 0;
          needCheck = true;
        }
        break;
      }
      case 'struct': {
        locals.push(local);
        result.push(`${J(key)}: ${local}`);
        refs.push(c.layout);
        d.push(`${local} = R[${refs.length - 1}].compiled.decodeAt(u8, ${p}, end, S);`);
        if (c.size !== undefined) k += c.size;
        else {
          d.push('o = S.pos;');
          k = 0;
          needCheck = true;
        }
        break;
      }
      case 'array': {
        locals.push(local);
        result.push(`${J(key)}: ${local}`);
        const e = c.elem as AnyCodec;
        const es = e.size;
        const cnt = `c${i}`;
        if (c.n !== undefined) d.push(`const ${cnt} = ${c.n};`);
        else if (c.rest) {
          d.push(
            `const ${cnt} = ((end - (${p})) / ${es}) | 0;`,
            `if (${cnt} * ${es} !== end - (${p})) H.leftover(S, ${J(name)}, ${J(key)}, ${es}, ${p}, end);`,
          );
        } else {
          const src = localOf.get(c.count as string);
          if (!src) throw new TypeError(`${name}.${key}: count field ${c.count} must come earlier`);
          d.push(`const ${cnt} = ${src};`);
        }
        if (es !== undefined) {
          if (c.n === undefined && !c.rest) {
            d.push(
              `if (${cnt} * ${es} > end - (${p})) H.overrun(S, ${J(name)}, ${J(key)}, ${cnt}, ${es}, ${p}, end);`,
            );
          }
          d.push(
            `${local} = new Array(${cnt});`,
            `for (let j = 0, q = ${p}; j < ${cnt}; j++, q += ${es}) ${local}[j] = ${elemRead(e, 'q', refs)};`,
          );
          if (c.n !== undefined) k += c.n * es;
          else {
            d.push(`o = ${p} + ${cnt} * ${es};`);
            k = 0;
            needCheck = true;
          }
        } else {
          // Variable-size elements: each decode checks its own bounds; never preallocate from a count.
          refs.push((e as { layout: StructLayout }).layout);
          d.push(
            `${local} = [];`,
            `S.pos = ${p};`,
            `for (let j = 0; j < ${cnt}; j++) ${local}.push(R[${refs.length - 1}].compiled.decodeAt(u8, S.pos, end, S));`,
            'o = S.pos;',
          );
          k = 0;
          needCheck = true;
        }
        break;
      }
      default:
        throw new TypeError(`${name}.${key}: unsupported field kind ${c.kind}`);
    }
  }
  d.push(`S.pos = o + ${k};`);
  if (tailOpen) d.push('}');
  const decodeSrc = [
    locals.length ? `let ${locals.join(', ')};` : '',
    ...d,
    `return { ${result.join(', ')} };`,
  ].join('\n');
  // The decoded value's keys, in order: each result entry starts with its key as a JSON string.
  const assignSrc = result
    .map((r) => {
      const k = JSON.parse(/^("(?:[^"\\]|\\.)*"):/.exec(r)?.[1] as string) as string;
      return `t[${J(k)}] = v[${J(k)}];`;
    })
    .concat('if (v._extra !== undefined) t._extra = v._extra;')
    .join('\n');

  // ---------------------------------------------------------------- encode + size
  const e: string[] = [];
  const sz: string[] = [];
  let ek = 0;
  let fixedTotal = 0;
  const path = (f: string) => J(f);
  for (let i = 0; i < entries.length; i++) {
    const [key, c0] = entries[i];
    const isOpt = c0.kind === 'optional';
    const c = isOpt ? c0.inner : c0;
    const vx = `v[${J(key)}]`;
    const p = `o + ${ek}`;
    if (isOpt) {
      e.push(`if (${vx} === undefined) return ${p};`);
      sz.push(`if (${vx} === undefined) return n + ${fixedTotal};`);
    }
    const countFor = countOf.get(key);
    const src = countFor ? `(v[${J(countFor)}] !== undefined ? v[${J(countFor)}].length : ${vx})` : vx;
    switch (c.kind) {
      case 'reserved':
        e.push(`u8.fill(0, ${p}, ${p} + ${c.n});`);
        break;
      case 'int':
      case 'bitfield': {
        const ic = c.kind === 'int' ? c : c.base;
        e.push(`x = ${src};`);
        if (ic.width === 8) e.push(`x = H.big(${J(name)}, ${path(key)}, x, ${ic.signed});`);
        else
          e.push(
            `if (${intCheck(ic, 'x')}) H.badInt(${J(name)}, ${path(key)}, x, ${J(INT_NAMES[`${ic.width}${ic.signed ? 's' : 'u'}`])});`,
          );
        e.push(intWrite(ic, p, 'x'));
        break;
      }
      case 'bits': {
        e.push('x = 0;');
        for (const [bn, spec] of Object.entries(c.fields as Record<string, BitSpec>)) {
          const [s, w] = bitRange(spec);
          const cf = countOf.get(bn);
          const bsrc = cf ? `(v[${J(cf)}] !== undefined ? v[${J(cf)}].length : v[${J(bn)}])` : `v[${J(bn)}]`;
          e.push(
            `y = ${bsrc};`,
            `if (!Number.isInteger(y) || y < 0 || y > ${maskOf(w)}) H.badInt(${J(name)}, ${path(bn)}, y, ${J(`${w}-bit`)});`,
            `x = (x | (y << ${s})) >>> 0;`,
          );
        }
        e.push(intWrite({ ...c.base, signed: false }, p, 'x'));
        break;
      }
      case 'str':
        e.push(`H.writeStr(u8, ${p}, ${c.n}, ${vx}, ${J(name)}, ${path(key)});`);
        break;
      case 'uuid':
        e.push(`H.writeUuid(u8, ${p}, ${vx}, ${J(name)}, ${path(key)});`);
        break;
      case 'bytes':
        if (c.n !== undefined) {
          e.push(
            `x = H.bytesIn(${J(name)}, ${path(key)}, ${vx}, ${c.n});`,
            `u8.fill(0, ${p}, ${p} + ${c.n});`,
            `u8.set(x, ${p});`,
          );
        } else {
          e.push(
            `x = H.bytesIn(${J(name)}, ${path(key)}, ${vx}, 0x7fffffff);`,
            `u8.set(x, ${p});`,
            `o = ${p} + x.length;`,
          );
          sz.push(`n += H.bytesIn(${J(name)}, ${path(key)}, ${vx}, 0x7fffffff).length;`);
        }
        break;
      case 'struct':
        refs.push(c.layout);
        e.push(`x = R[${refs.length - 1}].compiled.encodeAt(${vx}, u8, ${p}, S);`);
        if (c.size === undefined) {
          e.push('o = x;');
          sz.push(`n += R[${refs.length - 1}].compiled.sizeOf(${vx});`);
        }
        break;
      case 'array': {
        const el = c.elem as AnyCodec;
        const es = el.size;
        const max = c.n ?? 0x7fffffff;
        e.push(`x = H.arrayIn(${J(name)}, ${path(key)}, ${vx}, ${max});`);
        if (c.n !== undefined) e.push(`u8.fill(0, ${p}, ${p} + ${c.n * (es as number)});`);
        if (es !== undefined) {
          e.push(
            `for (let j = 0, q = ${p}; j < x.length; j++, q += ${es}) { z = x[j]; ${elemWrite(el, 'q', 'z', name, key, refs)} }`,
          );
          if (c.n === undefined) {
            e.push(`o = ${p} + x.length * ${es};`);
            sz.push(`n += H.arrayIn(${J(name)}, ${path(key)}, ${vx}, ${max}).length * ${es};`);
          }
        } else {
          refs.push((el as { layout: StructLayout }).layout);
          const r = refs.length - 1;
          e.push(
            `q = ${p};`,
            `for (let j = 0; j < x.length; j++) q = R[${r}].compiled.encodeAt(x[j], u8, q, S);`,
            'o = q;',
          );
          sz.push(
            `for (const it of H.arrayIn(${J(name)}, ${path(key)}, ${vx}, ${max})) n += R[${r}].compiled.sizeOf(it);`,
          );
        }
        break;
      }
      default:
        throw new TypeError(`${name}.${key}: unsupported field kind ${c.kind}`);
    }
    if (c.size !== undefined) {
      ek += c.size;
      fixedTotal += c.size;
    } else ek = 0;
  }
  const encodeSrc = ['let x, y, z, q;', ...e, `return o + ${ek};`].join('\n');
  const sizeSrc = ['let n = 0;', ...sz, `return n + ${fixedTotal};`].join('\n');

  const make = new Function(
    'H',
    'R',
    'RUNS',
    `"use strict";
     return {
       decodeAt: function decode_${safe(name)}(u8, o, end, S) {\n${decodeSrc}\n},
       encodeAt: function encode_${safe(name)}(v, u8, o, S) {\nif (v === null || typeof v !== 'object') throw new TypeError(${J(`${name} must be an object`)});\n${encodeSrc}\n},
       sizeOf: function size_${safe(name)}(v) {\nif (v === null || typeof v !== 'object') throw new TypeError(${J(`${name} must be an object`)});\n${sizeSrc}\n},
       assignTo: function assign_${safe(name)}(t, v) {\n${assignSrc}\n},
     };`,
  );
  const fns = make(H, refs, runs) as Pick<CompiledStruct, 'decodeAt' | 'encodeAt' | 'sizeOf' | 'assignTo'>;
  const S: DecodeState = { pos: 0, ctx: name, path: '', base: 0 };
  const encodeAfter = (value: any, context: string, headroom: number) => {
    const n = fns.sizeOf(value);
    const u8 = allocate(headroom + n, headroom);
    S.ctx = context;
    fns.encodeAt(value, u8, headroom, S);
    return u8;
  };
  const decodeFrom = (bytes: Uint8Array, start: number, end: number, context: string) => {
    S.ctx = context;
    S.base = start;
    const v = fns.decodeAt(bytes, start, end, S);
    // Bytes past the layout (a newer revision's fields): the only view made, and only when they exist.
    if (S.pos < end) v._extra = bytes.subarray(S.pos, end);
    return v;
  };
  return {
    ...fns,
    zero: () => zeroOf(layout),
    decode: (bytes: Uint8Array, context: string) => decodeFrom(bytes, 0, bytes.length, context),
    decodeFrom,
    encode: (value: any, context: string) => encodeAfter(value, context, 0),
    encodeAfter,
  };
}

/**
 * Bytes to encode into. Small messages are ordinary (on-heap) arrays; large ones (a 1 MiB log
 * read) skip the zero fill, since generated encoders write every byte of the value, reserved and
 * padding included — only the headroom in front is cleared here.
 */
const LARGE = 64 * 1024;
function allocate(size: number, headroom: number): Uint8Array {
  if (size < LARGE) return new Uint8Array(size);
  const u8 = new Uint8Array(Buffer.allocUnsafeSlow(size).buffer, 0, size);
  u8.fill(0, 0, headroom);
  return u8;
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Expression reading one fixed-size array element at offset expression `q`. */
function elemRead(e: AnyCodec, q: string, refs: unknown[]): string {
  switch (e.kind) {
    case 'int':
      return intRead(e, q);
    case 'uuid':
      return `H.readUuid(u8, ${q})`;
    case 'str':
      return `H.readStr(u8, ${q}, ${e.n})`;
    case 'bytes':
      return `u8.subarray(${q}, ${q} + ${e.n})`;
    case 'struct':
      refs.push(e.layout);
      return `R[${refs.length - 1}].compiled.decodeAt(u8, ${q}, end, S)`;
    default:
      throw new TypeError(`arrays of ${e.kind} are not supported`);
  }
}

function elemWrite(e: AnyCodec, q: string, z: string, layout: string, key: string, refs: unknown[]): string {
  const J = JSON.stringify;
  switch (e.kind) {
    case 'int':
      return e.width === 8
        ? `${z} = H.big(${J(layout)}, ${J(`${key}[]`)}, ${z}, ${e.signed}); ${intWrite(e, q, z)}`
        : `if (${intCheck(e, z)}) H.badInt(${J(layout)}, ${J(`${key}[]`)}, ${z}, ${J(INT_NAMES[`${e.width}${e.signed ? 's' : 'u'}`])}); ${intWrite(e, q, z)}`;
    case 'uuid':
      return `H.writeUuid(u8, ${q}, ${z}, ${J(layout)}, ${J(`${key}[]`)});`;
    case 'str':
      return `H.writeStr(u8, ${q}, ${e.n}, ${z}, ${J(layout)}, ${J(`${key}[]`)});`;
    case 'bytes':
      return `u8.set(H.bytesIn(${J(layout)}, ${J(`${key}[]`)}, ${z}, ${e.n}), ${q});`;
    case 'struct':
      refs.push(e.layout);
      return `R[${refs.length - 1}].compiled.encodeAt(${z}, u8, ${q}, S);`;
    default:
      throw new TypeError(`arrays of ${e.kind} are not supported`);
  }
}

function zeroCodec(c: AnyCodec): unknown {
  switch (c.kind) {
    case 'int':
      return c.width === 8 ? 0n : 0;
    case 'bitfield':
      return 0;
    case 'str':
      return '';
    case 'uuid':
      return ZERO_UUID;
    case 'bytes':
      return new Uint8Array(c.n ?? 0);
    case 'struct':
      return zeroOf(c.layout);
    case 'array':
      return c.n !== undefined ? Array.from({ length: c.n }, () => zeroCodec(c.elem)) : [];
    case 'optional':
      return zeroCodec(c.inner);
    default:
      return undefined;
  }
}

function zeroOf(layout: StructLayout): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, c] of Object.entries(layout.fields)) {
    if (c.kind === 'reserved') continue;
    if (c.kind === 'bits') {
      for (const bn of Object.keys(c.fields)) out[bn] = 0;
      continue;
    }
    out[key] = zeroCodec(c);
    const inner = c.kind === 'optional' ? c.inner : c;
    if (inner.kind === 'int' && 'factor' in inner) out[`${key}_${(inner as ScaledCodec).suffix}`] = 0n;
    if (inner.kind === 'bitfield') {
      out[`${key}_bits`] = Object.fromEntries(
        Object.entries(inner.fields as Record<string, BitSpec>).map(([bn, s]) => [
          bn,
          typeof s === 'number' ? false : 0,
        ]),
      );
    }
  }
  return out;
}
