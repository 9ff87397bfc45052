/**
 * Bundles the CLI (dist/cli/main.js and everything it imports from dist/) into
 * dist/cli/cxlmi.bundle.mjs, which bin/cxlmi.js runs: loading one module instead of some 800 is
 * most of `cxlmi`'s start time. What the CLI imports dynamically becomes chunks of their own,
 * loaded only by the command that needs them: each subcommand's implementation
 * (src/cli/actions/*), the code that runs any subcommand (src/cli/invoke.ts) and the exporter. The
 * entry holds only the program and the subcommands' registrations (names, options, help), so
 * `--help`, `--version` and parse errors never load the library.
 *
 * Dependencies stay in node_modules, except commander, which every start loads: bundled, it is
 * compiled with the entry instead of going through the CommonJS loader, and its
 * `require('node:child_process')` (only for executable subcommands, which cxlmi does not use;
 * compiling that built-in costs more than the rest of commander) is deferred to first use.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** commander's `require('node:child_process')` → an object that loads it when `spawn` is used. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'child_process', namespace: 'lazy-child-process' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...a) => require('node:child_process').spawn(...a) };\n",
      loader: 'js',
    }));
  },
};

const outdir = new URL('../dist/cli/', import.meta.url).pathname;
// chunks of an earlier build (their names are hashes of their contents) would be packed too
for (const f of readdirSync(outdir)) if (/^cxlmi\.(bundle|chunk-)/.test(f)) rmSync(outdir + f);

await build({
  entryPoints: [new URL('../dist/cli/main.js', import.meta.url).pathname],
  // Next to dist/cli/main.js (same depth): paths the CLI builds from import.meta.url (its
  // package.json for --version) stay right.
  outdir,
  entryNames: 'cxlmi.bundle',
  chunkNames: 'cxlmi.chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: Object.keys(pkg.dependencies).filter((d) => d !== 'commander'),
  plugins: [lazyChildProcess],
  // the bundled CommonJS (commander) requires Node built-ins: give ESM output a `require`
  banner: {
    js: "import { createRequire as __cxlmiCreateRequire } from 'node:module'; const require = __cxlmiCreateRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
});
