/**
 * CLI start-up: the installed `cxlmi` bin (bin/cxlmi.js → the esbuild bundle `npm run build` makes)
 * against `node -e 0`, run alternately so both see the same machine. Wall time is the median of
 * the runs; CPU time (user + system) is the mean, read from this process's reaped-children counters
 * in /proc/self/stat (clock ticks of 10 ms, summed over all runs of a case).
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CliStartResult {
  name: string;
  wallMedianMs: number;
  cpuMeanMs: number;
  /** CPU time ÷ `node -e 0`'s, measured in the same run. */
  cpuVsNode: number;
}

const bin = fileURLToPath(new URL('../bin/cxlmi.js', import.meta.url));
const bundle = fileURLToPath(new URL('../dist/cli/cxlmi.bundle.mjs', import.meta.url));
/** USER_HZ: /proc reports children's CPU time in 1/100 s on Linux. */
const TICK_MS = 10;

const cases: { name: string; args: string[] }[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'cxlmi --help', args: [bin, '--help'] },
  { name: 'cxlmi --version', args: [bin, '--version'] },
  { name: 'cxlmi identify --help', args: [bin, 'identify', '--help'] },
  { name: 'cxlmi --emulate identify', args: [bin, '--emulate', 'identify'] },
];

/** CPU time of every reaped child so far (cutime + cstime), in ms. */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name in parentheses; cutime and cstime are fields 16 and 17.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[13]) + Number(rest[14])) * TICK_MS;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export function cliStart(runs: number): CliStartResult[] {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  const wall = cases.map((): number[] => []);
  const cpu = cases.map(() => 0);
  for (let r = 0; r < runs + 1; r++) {
    cases.forEach((c, i) => {
      const cpu0 = childrenCpuMs();
      const t0 = performance.now();
      const out = spawnSync(process.execPath, c.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const ms = performance.now() - t0;
      if (out.status !== 0)
        throw new Error(`${c.name} exited ${out.status}: ${out.stderr.toString().trim()}`);
      // The first round warms the file cache and is not counted.
      if (r === 0) return;
      wall[i].push(ms);
      cpu[i] += childrenCpuMs() - cpu0;
    });
  }
  const nodeCpu = cpu[0] / runs;
  return cases.map((c, i) => ({
    name: c.name,
    wallMedianMs: median(wall[i]),
    cpuMeanMs: cpu[i] / runs,
    cpuVsNode: cpu[i] / runs / nodeCpu,
  }));
}
