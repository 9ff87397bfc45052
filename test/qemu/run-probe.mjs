// Host side: boots the lab guest once per kernel series, runs probe.mjs inside it, saves the
// probe's JSON and the run's timings under .cache/qemu-lab/results/, prints a summary.
//
//   node test/qemu/run-probe.mjs [6.1 6.12 ...]

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CXL_QOM_PATH, cacheDir, qemuVersion, runInGuest } from './lab.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const kernels = process.argv.slice(2).length ? process.argv.slice(2) : ['6.1', '6.12'];
const resultsDir = path.join(cacheDir, 'results');
await mkdir(resultsDir, { recursive: true });
const big = (_k, v) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v);

let failed = 0;
for (const kernel of kernels) {
  const r = await runInGuest({
    kernel,
    script: path.join(here, 'probe.mjs'),
    args: qemuVersion().major < 8 ? ['--no-oversize'] : [],
    timeoutMs: 300_000, // QEMU >= 8: put two poisoned 64-byte lines at DPA 0x4000 before boot, to be listed by Get Poison List.
    qmpCommands:
      qemuVersion().major >= 8
        ? [{ execute: 'cxl-inject-poison', arguments: { path: CXL_QOM_PATH, start: 0x4000, length: 128 } }]
        : [],
  });
  let probe;
  try {
    probe = JSON.parse(r.stdout);
  } catch {
    probe = undefined;
  }
  const { console: consoleText, dmesg, stdout, ...run } = r;
  const tag = `${kernel}-qemu${qemuVersion().major}`;
  await writeFile(path.join(resultsDir, `probe-${tag}.json`), `${JSON.stringify({ run, probe }, big, 1)}\n`);
  await writeFile(path.join(resultsDir, `console-${tag}.txt`), consoleText);
  if (dmesg) await writeFile(path.join(resultsDir, `dmesg-${tag}.txt`), dmesg);
  const m = r.marks;
  console.log(`== kernel ${kernel}: ${r.kernelVersion} on ${r.qemuVersion}`);
  console.log(
    `   exit ${r.exitCode}${r.timedOut ? ' (TIMED OUT)' : ''}; total ${r.durationMs} ms; /dev/cxl/mem0 at ${m.mem0?.hostMs ?? '-'} ms` +
      ` (guest uptime ${m.mem0?.guestS ?? '-'} s); script ran ${m.done && m.run ? m.done.hostMs - m.run.hostMs : '-'} ms; QEMU peak RSS ${Math.round(r.qemuMaxRssKb / 1024)} MiB`,
  );
  if (!probe) {
    failed++;
    console.log(r.stderr || r.stdout || consoleText.slice(-2000));
    continue;
  }
  if (r.qmp || r.qmpError) console.log(`   qmp: ${JSON.stringify(r.qmp ?? r.qmpError)}`);
  console.log(
    `   query: ${probe.query.total} commands: ` +
      probe.query.commands
        .map(
          (c) =>
            `${c.id}:${c.name}(f=${c.flags},in=${c.sizeIn === 0xffffffff ? '~0' : c.sizeIn},out=${c.sizeOut === 0xffffffff ? '~0' : c.sizeOut})`,
        )
        .join(' '),
  );
  for (const [k, s] of Object.entries(probe.send)) {
    console.log(
      `   ${k.padEnd(26)} rc=${s.rc}${s.errnoName ? ` ${s.errnoName}` : ''} retval=${s.retval} out=${s.outSizeReturned}${s.out ? ` ${s.out.slice(0, 64)}${s.out.length > 64 ? '…' : ''}` : ''}`,
    );
  }
}
process.exitCode = failed ? 1 : 0;
