#!/usr/bin/env node
// The CLI bundled into one module (`npm run build` makes it; it starts much faster than the ~800
// modules of dist/); dist/cli/main.js when there is no bundle.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/cxlmi.bundle.mjs', import.meta.url);
await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');
