/**
 * Bundles the CLI (dist/cli/main.js and everything it imports from dist/) into
 * dist/cli/cxlmi.bundle.mjs, which bin/cxlmi.js runs: loading one module instead of some 800 is
 * most of `cxlmi`'s start time. What the CLI imports dynamically (the exporter) becomes a chunk of
 * its own, loaded only by the command that needs it. Dependencies stay in node_modules.
 */
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../dist/cli/main.js', import.meta.url).pathname],
  // Next to dist/cli/main.js (same depth): paths the CLI builds from import.meta.url (its
  // package.json for --version) stay right.
  outdir: new URL('../dist/cli/', import.meta.url).pathname,
  entryNames: 'cxlmi.bundle',
  chunkNames: 'cxlmi.chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
