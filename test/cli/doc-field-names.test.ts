/**
 * Every field name the porting guide and docs/cli-json.md mention exists: `struct.field` (and
 * `struct.field[]`) on the structure it names — a compat builder's result or a layout under its
 * libcxlmi name — and the bare field names docs/cli-json.md gives as examples on some layout.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { AnyCommand } from '../../src/commands/define.js';
import { commandTable } from '../../src/commands/table.js';
import * as compat from '../../src/compat/index.js';
import type { StructLayout } from '../../src/protocol/layout/index.js';

function* structsOf(layout: StructLayout): Generator<StructLayout> {
  yield layout;
  for (const c0 of Object.values(layout.fields)) {
    const c = c0.kind === 'optional' ? c0.inner : c0;
    if (c.kind === 'struct') yield* structsOf(c.layout);
    else if (c.kind === 'array' && c.elem.kind === 'struct') yield* structsOf(c.elem.layout);
  }
}

/** Field names (as a decoded object has them: companions `_bytes` / `_bits` included) by structure name. */
const fieldsOf = new Map<string, Set<string>>();
for (const cmd of commandTable as readonly AnyCommand[]) {
  for (const top of [cmd.request, cmd.response]) {
    if (!top) continue;
    for (const s of structsOf(top)) fieldsOf.set(s.name, new Set(Object.keys(s.zero() as object)));
  }
}
const allFields = new Set([...fieldsOf.values()].flatMap((s) => [...s]));

function structure(name: string): Set<string> | undefined {
  const builder = (compat as Record<string, unknown>)[name];
  if (typeof builder === 'function') {
    try {
      const v = (builder as () => unknown)();
      if (v && typeof v === 'object') return new Set(Object.keys(v));
    } catch {
      // not a structure builder (cxlmi_open, …)
    }
  }
  return fieldsOf.get(name);
}

const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

describe('field names in the porting guide and docs/cli-json.md', () => {
  for (const file of ['docs/porting.md', 'docs/cli-json.md', 'README.md']) {
    it(`${file}: every struct.field names a field of that structure`, () => {
      const mentions = [...read(file).matchAll(/`(cxlmi_[a-z0-9_]+)\.([a-z_][a-z0-9_]*)(\[\])?`/g)];
      if (file === 'docs/porting.md')
        assert.ok(mentions.length >= 10, 'the guide names fields as struct.field');
      for (const [, struct, field] of mentions) {
        const fields = structure(struct);
        assert.ok(fields, `${file}: ${struct} is not a structure of cxlmi/compat`);
        assert.ok(
          fields.has(field),
          `${file}: ${struct}.${field} does not exist (has ${[...fields].join(', ')})`,
        );
      }
    });
  }

  it('docs/cli-json.md: the field names it gives as examples exist', () => {
    const text = read('docs/cli-json.md');
    const conventions = text.slice(text.indexOf('## Conventions'), text.indexOf('## One target'));
    const names = [...conventions.matchAll(/`([a-z][a-z0-9]*_[a-z0-9_]*)`/g)].map((m) => m[1]);
    assert.ok(names.length >= 3);
    for (const n of names) assert.ok(allFields.has(n), `docs/cli-json.md names ${n}, which no layout has`);
  });

  it('catches a wrong name (the check itself works)', () => {
    assert.equal(structure('cxlmi_cmd_get_fw_info')?.has('fw_slot_info'), false);
    assert.equal(structure('cxlmi_cmd_get_fw_info')?.has('slot_info'), true);
    assert.equal(structure('cxlmi_cmd_memdev_get_poison_list_rsp')?.has('media_error_records'), false);
    assert.equal(structure('cxlmi_cmd_identify')?.has('component_specific_ident_data'), false);
  });
});
