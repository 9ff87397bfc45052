/**
 * Writes the generated part of docs/porting.md: every command function of the reference (libcxlmi's
 * Python bindings) with its TypeScript forms, read from the command table and the compat exports,
 * so the guide always says exactly what exists. `--check` fails when the file is out of date (the
 * tests run it); `npm run docs` regenerates it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyCommand } from '../src/commands/define.js';
import { commandTable } from '../src/commands/table.js';
import * as compat from '../src/compat/index.js';
import { REFERENCE_COMMANDS } from './reference-functions.js';

const target = fileURLToPath(new URL('../docs/porting.md', import.meta.url));
const BEGIN = '<!-- BEGIN GENERATED: npm run docs -->';
const END = '<!-- END GENERATED -->';

/** Reference functions that are more than one declaration: their compat call and native form. */
const HELPERS: Record<string, [string, string]> = {
  cxlmi_cmd_get_log_cel: [
    'await cxlmi_cmd_get_log_cel(ep, ti, req, entries)',
    'entries = await ep.getCel(opts)',
  ],
  cxlmi_cmd_vendor_specific: [
    'await cxlmi_cmd_vendor_specific(ep, ti, opcode, in, in_size, ret, ret_size)',
    'payload = await ep.vendorSpecific(opcode, payload, opts)',
  ],
};

const SET_TITLES = {
  generic: 'Generic component commands',
  memdev: 'Memory device commands',
  fmapi: 'FM-API commands',
};

const byName = new Map<string, AnyCommand>();
for (const c of commandTable as readonly AnyCommand[]) {
  byName.set(c.compatName, c);
  for (const a of c.aliases ?? []) byName.set(a, c);
}

function hex4(n: number): string {
  return `${n.toString(16).padStart(4, '0')}h`;
}

function forms(name: string, c: AnyCommand): [string, string] {
  const m = c.method;
  if (c.request && c.response) return [`await ${name}(ep, ti, req, rsp)`, `rsp = await ep.${m}(req, opts)`];
  if (c.request) return [`await ${name}(ep, ti, req)`, `await ep.${m}(req, opts)`];
  if (c.response) return [`await ${name}(ep, ti, rsp)`, `rsp = await ep.${m}(opts)`];
  return [`await ${name}(ep, ti)`, `await ep.${m}(opts)`];
}

function row(name: string): string {
  const c = byName.get(name);
  if (c) {
    const [compatForm, method] = forms(name, c);
    const alias = c.compatName !== name ? ` (alias of \`${c.compatName}\`)` : '';
    return `| \`${name}\`${alias} | ${hex4(c.opcode)} | \`${compatForm}\` | \`${method}\` |`;
  }
  const helper = HELPERS[name];
  if (helper) return `| \`${name}\` | helper | \`${helper[0]}\` | \`${helper[1]}\` |`;
  if (name in compat)
    return `| \`${name}\` | helper | \`await ${name}(ep, ti, …)\` | see the API reference |`;
  return `| \`${name}\` | — | not available yet | — |`;
}

export function render(): string {
  const out: string[] = [BEGIN, ''];
  const referenced = new Set<string>();
  for (const [set, names] of Object.entries(REFERENCE_COMMANDS) as [keyof typeof SET_TITLES, string[]][]) {
    const have = names.filter((n) => byName.has(n) || n in compat).length;
    out.push(`### ${SET_TITLES[set]} (${have} of ${names.length} available)`, '');
    out.push('| reference | opcode | `cxlmi/compat` | `Endpoint` method |', '| --- | --- | --- | --- |');
    for (const n of names) {
      out.push(row(n));
      const c = byName.get(n);
      if (c) referenced.add(c.compatName);
    }
    out.push('');
  }
  const extra = (commandTable as readonly AnyCommand[]).filter((c) => !referenced.has(c.compatName));
  if (extra.length) {
    out.push('### Commands beyond the reference', '');
    out.push('| compat name | opcode | `cxlmi/compat` | `Endpoint` method |', '| --- | --- | --- | --- |');
    for (const c of extra) out.push(row(c.compatName));
    out.push('');
  }
  out.push(END);
  return out.join('\n');
}

/** docs/porting.md with its generated part replaced, formatted as `npm run lint` wants it. */
export function updated(current: string): string {
  const a = current.indexOf(BEGIN);
  const b = current.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/porting.md lacks the ${BEGIN} … ${END} markers`);
  const text = current.slice(0, a) + render() + current.slice(b + END.length);
  const biome = fileURLToPath(new URL('../node_modules/@biomejs/biome/bin/biome', import.meta.url));
  return execFileSync(process.execPath, [biome, 'format', '--stdin-file-path=docs/porting.md'], {
    input: text,
    encoding: 'utf8',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const current = readFileSync(target, 'utf8');
  const text = updated(current);
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error('docs/porting.md is out of date: run npm run docs');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`updated ${target}`);
  }
}
