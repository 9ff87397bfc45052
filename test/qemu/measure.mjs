// Times lab cycles: node test/qemu/measure.mjs [--runs N] [--variant NAME] [kernel...]
// Variants (to check the lab's choices): default, cpu-max, no-remap, mem-2G, virtfs.
// One QEMU at a time. Prints one line per run and a median summary per kernel.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInGuest } from './lab.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let runs = 3;
let variant = 'default';
const kernels = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--variant') variant = argv[++i];
  else kernels.push(argv[i]);
}
if (!kernels.length) kernels.push('6.1', '6.12');

const variants = {
  default: {},
  'cpu-max': { transformArgs: (a) => a.map((x) => (x === 'qemu64' ? 'max' : x)) },
  'no-remap': { transformArgs: (a) => a.map((x) => x.replace(',multidevs=remap', '')) },
  'mem-2G': { memory: '2G' },
  // -virtfs instead of -fsdev + -device ...,bus=pcie.0 for the host root share
  virtfs: {
    transformArgs: (a) => {
      const out = [];
      for (let i = 0; i < a.length; i++) {
        if (a[i] === '-fsdev' && a[i + 1].includes('id=fs_host')) {
          i += 3;
          out.push(
            '-virtfs',
            'local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap',
          );
          continue;
        }
        out.push(a[i]);
      }
      return out;
    },
  },
};
const opts = variants[variant];
if (!opts) throw new Error(`unknown variant ${variant}`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
let bad = 0;
for (const kernel of kernels) {
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const r = await runInGuest({
      kernel,
      script: path.join(here, 'fixtures', 'guest-hello.mjs'),
      timeoutMs: 180_000,
      ...opts,
    });
    const row = {
      total: r.durationMs,
      mem0: r.marks.mem0?.hostMs ?? NaN,
      init: r.marks.init?.hostMs ?? NaN,
      node: r.marks.done && r.marks.run ? r.marks.done.hostMs - r.marks.run.hostMs : NaN,
      rssMiB: Math.round(r.qemuMaxRssKb / 1024),
    };
    rows.push(row);
    if (r.exitCode !== 0) bad++;
    console.log(
      `${variant} ${kernel} run ${i + 1}: exit ${r.exitCode}${r.timedOut ? ' TIMEOUT' : ''} total ${row.total} ms, /init at ${row.init} ms, mem0 at ${row.mem0} ms, node script ${row.node} ms, QEMU RSS ${row.rssMiB} MiB ${r.stdout.trim()}${r.exitCode === 0 ? '' : ` | ${r.qemuStderr.trim() || r.stderr.trim().split('\n').slice(-3).join(' / ') || r.console.trim().split('\n').slice(-5).join(' / ')}`}`,
    );
  }
  console.log(
    `${variant} ${kernel} median of ${runs}: total ${median(rows.map((r) => r.total))} ms, mem0 ${median(rows.map((r) => r.mem0))} ms, node ${median(rows.map((r) => r.node))} ms, RSS ${median(rows.map((r) => r.rssMiB))} MiB`,
  );
}
process.exitCode = bad ? 1 : 0;
