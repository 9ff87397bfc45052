/**
 * Checks a parsed topology file against TOPOLOGY_SCHEMA with ajv and turns the first problem into
 * a usage error naming its path: `topology: switch.ports[1]: unknown field "devise"`.
 * ajv is loaded (synchronously, it is CommonJS) and the schema compiled only when a file is read,
 * so nothing of it weighs on a command that does not use a topology file.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { CxlmiUsageError } from '../../errors.js';
import { TOPOLOGY_SCHEMA } from './topology-schema.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    const ajv = new Ajv({
      discriminator: true,
      strict: true,
      strictRequired: false,
      allErrors: true,
      verbose: true,
    });
    compiled = ajv.compile(TOPOLOGY_SCHEMA);
  }
  return compiled;
}

/** `/switch/ports/1` → `switch.ports[1]`. */
function pathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function valueAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const p of pointer.split('/').slice(1)) v = (v as Record<string, unknown>)?.[p];
  return v;
}

function describe(e: ErrorObject, doc: unknown): string {
  const where = pathOf(e.instancePath);
  const at = (text: string) => (where ? `${where}: ${text}` : text);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return at(`unknown field "${String(p.additionalProperty)}"`);
    case 'required':
      return at(`missing field "${String(p.missingProperty)}"`);
    case 'type': {
      const v = valueAt(doc, e.instancePath);
      if (p.type === 'integer' && typeof v === 'number') return at(`${v} is not a whole number`);
      const kind = (t: string) =>
        t === 'object' || t === 'array'
          ? `an ${t}`
          : t === 'string'
            ? 'text'
            : t === 'integer'
              ? 'a whole number'
              : `a ${t}`;
      const got = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
      return at(`must be ${kind(String(p.type))}, not ${got === 'null' ? 'null' : kind(got)}`);
    }
    case 'minimum':
    case 'maximum': {
      return at(`${JSON.stringify(valueAt(doc, e.instancePath))} is out of range${rangeOf(e) ?? ''}`);
    }
    case 'enum':
      return at(`must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'uniqueItems': {
      const items = valueAt(doc, e.instancePath) as unknown[];
      return at(`${JSON.stringify(items[Number(p.i)])} is listed twice (items ${p.j} and ${p.i})`);
    }
    case 'minItems':
      return at(`needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return at(`takes at most ${String(p.limit)} items`);
    case 'pattern':
      return at(
        `${JSON.stringify(valueAt(doc, e.instancePath))} does not have the expected form (${e.parentSchema?.description ?? String(p.pattern)})`,
      );
    case 'discriminator':
      return p.error === 'mapping'
        ? at(`type must be "sld", "mld" or "mhd", not ${JSON.stringify(p.tagValue)}`)
        : at('type must be a text: "sld", "mld" or "mhd"');
    default:
      return at(e.message ?? e.keyword);
  }
}

/** ` (0..255)` from the failing schema's bounds. */
function rangeOf(e: ErrorObject): string | undefined {
  const s = e.parentSchema as { minimum?: number; maximum?: number } | undefined;
  return s && s.minimum !== undefined && s.maximum !== undefined
    ? ` (${s.minimum}..${s.maximum})`
    : undefined;
}

/** Throws a usage error for the first way `doc` does not follow the topology schema. */
export function validateTopology(doc: unknown): void {
  const validate = validator();
  if (validate(doc)) return;
  // A misspelled field also leaves a required one missing: name the unknown field, the cause.
  const errors = validate.errors ?? [];
  const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors[0];
  throw new CxlmiUsageError(`topology: ${e ? describe(e, doc) : 'does not follow the format'}`);
}
