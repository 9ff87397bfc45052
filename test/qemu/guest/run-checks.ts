/**
 * The guest side of the QEMU lab (compiled to JS and run by plain node inside the guest): opens
 * mem0 through the public API, runs every check for this configuration, and prints one report
 * line per check for the host test (test/qemu/mailbox-lab.test.ts). Exits non-zero when any fails.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Context } from '../../../src/index.js';
import type { CheckEnv, CliResult } from './check.js';
import { allChecks, type CheckReport, NO_LEAK_CHECK, REPORT_PREFIX } from './checks.js';
import { decodeLabConfig, LAB_CONFIG_ENV } from './lab-config.js';

const cfg = decodeLabConfig(process.env[LAB_CONFIG_ENV]);
// The LSA pattern's one definition is the harness's (the guest's cwd is the project root).
const lab: typeof import('../lab.mjs') = await import(pathToFileURL(path.resolve('test/qemu/lab.mjs')).href);
// Beside this file once compiled: <out>/test/qemu/guest/ → <out>/src/cli/main.js.
const cliMain = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));

function cli(argv: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliMain, ...argv], { encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function report(r: CheckReport): void {
  process.stdout.write(
    `${REPORT_PREFIX}${JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
  );
}

function errorOf(e: unknown): CheckReport['error'] {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack };
}

/**
 * Open descriptors on /dev/cxl (what the library opens) as `fd -> target`. Other descriptors are
 * not counted: node keeps one on /dev/null after it first spawns a child (the CLI checks).
 */
function openFds(): Set<string> {
  const out = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith('/dev/cxl/')) out.add(`${fd} -> ${target}`);
    } catch {
      // the descriptor readdir itself used, gone by now
    }
  }
  return out;
}

const fdsBefore = openFds();
const logLines: string[] = [];
const ctx = new Context({ log: (level, message) => logLines.push(`<${level}> ${message}`) });
let failed = 0;
try {
  const ep = await ctx.open('mem0');
  const env: CheckEnv = { cfg, ctx, ep, cli, lsaPattern: lab.lsaPattern };
  for (const check of allChecks) {
    if (check.when && !check.when(cfg)) continue;
    const t0 = performance.now();
    try {
      const details = await check.run(env);
      report({ name: check.name, ok: true, ms: Math.round(performance.now() - t0), details });
    } catch (e) {
      failed++;
      report({ name: check.name, ok: false, ms: Math.round(performance.now() - t0), error: errorOf(e) });
    }
  }
} finally {
  await ctx.close();
}
const leaked = [...openFds()].filter((f) => !fdsBefore.has(f));
report({
  name: NO_LEAK_CHECK,
  ok: leaked.length === 0,
  ms: 0,
  details: { leaked, log: logLines },
  ...(leaked.length === 0
    ? {}
    : { error: { name: 'AssertionError', message: `left open: ${leaked.join(', ')}` } }),
});
if (leaked.length !== 0) failed++;
process.exitCode = failed === 0 ? 0 : 1;
