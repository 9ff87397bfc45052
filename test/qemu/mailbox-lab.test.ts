/**
 * The QEMU lab (npm run test:qemu): our library, through its public API, against QEMU's CXL Type 3
 * device behind a stock Debian kernel's CXL driver. Compiles the library and the guest suite to JS
 * once, then per kernel boots ONE guest that runs ONE node process (test/qemu/guest/run-checks.ts)
 * and turns each check it reports into a test here, so a failure in the guest fails this run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { inCi } from '../helpers/prerequisite.js';
import { type CheckReport, expectedCheckNames, REPORT_PREFIX } from './guest/checks.js';
import { encodeLabConfig, LAB_CONFIG_ENV, type LabConfig, type PoisonRange } from './guest/lab-config.js';
import { LSA_WRITE_LENGTH, LSA_WRITE_OFFSET, lsaWriteData } from './guest/lsa-checks.js';
import { CXL_QOM_PATH, cacheDir, defaultDevice, projectRoot, qemuVersion, runInGuest } from './lab.mjs';

/** Where tsconfig.guest.json puts the compiled library and guest suite. */
const jsRoot = path.join(cacheDir, 'js');
const guestScript = path.join(jsRoot, 'test', 'qemu', 'guest', 'run-checks.js');

/** Poison QEMU holds before the guest starts (cxl-inject-poison over QMP). */
const POISON: PoisonRange[] = [
  { start: 0x4000, length: 128 },
  { start: 0x2_0000, length: 64 },
];

interface LabRun {
  title: string;
  series: string;
  pmemBound: boolean;
}

const RUNS: LabRun[] = [
  { title: 'kernel 6.1', series: '6.1', pmemBound: true },
  { title: 'kernel 6.12', series: '6.12', pmemBound: true },
  {
    title: 'kernel 6.12 booted without cxl_pmem (Set LSA reaches the device)',
    series: '6.12',
    pmemBound: false,
  },
];

const only = process.env.LAB_KERNELS?.split(',').filter(Boolean);

before(() => {
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  // The output goes where the lab's cache is (LAB_CACHE may move it), not only where the config says.
  const config = path.join('test', 'qemu', 'tsconfig.guest.json');
  const outDir = ['--outDir', jsRoot, '--tsBuildInfoFile', path.join(jsRoot, '.tsbuildinfo')];
  execFileSync(process.execPath, [tsc, '-p', config, ...outDir], { cwd: projectRoot, stdio: 'inherit' });
  // The compiled tree mirrors the project's: the CLI reads its version from package.json two
  // levels above src/cli, as it does in the checkout and in dist/.
  copyFileSync(path.join(projectRoot, 'package.json'), path.join(jsRoot, 'package.json'));
});

function parseReports(stdout: string): Map<string, CheckReport> {
  const out = new Map<string, CheckReport>();
  for (const line of stdout.split('\n')) {
    if (line.startsWith(REPORT_PREFIX)) {
      const r = JSON.parse(line.slice(REPORT_PREFIX.length)) as CheckReport;
      out.set(r.name, r);
    }
  }
  return out;
}

for (const run of RUNS) {
  const cfg: LabConfig = {
    series: run.series,
    serial: defaultDevice.serial,
    persistentBytes: BigInt(defaultDevice.persistentBytes),
    volatileBytes: BigInt(defaultDevice.volatileBytes),
    lsaBytes: defaultDevice.lsaBytes,
    poison: run.pmemBound ? POISON : [],
    pmemBound: run.pmemBound,
  };
  // LAB_KERNELS narrows a local run; under CI every kernel runs (no test may skip there).
  const skip = only && !inCi() && !only.includes(run.series) ? `LAB_KERNELS=${only.join(',')}` : false;
  test(`${run.title}, ${qemuVersion().text}`, { skip }, async (t) => {
    const r = await runInGuest({
      kernel: run.series,
      script: guestScript,
      cwd: projectRoot,
      env: { [LAB_CONFIG_ENV]: encodeLabConfig(cfg) },
      skipModules: run.pmemBound ? [] : ['cxl_pmem'],
      qmpCommands: cfg.poison.map((p) => ({
        execute: 'cxl-inject-poison',
        arguments: { path: CXL_QOM_PATH, start: p.start, length: p.length },
      })),
      keepTemp: !run.pmemBound,
      timeoutMs: 300_000,
    });
    try {
      const mem0 = r.marks.mem0 ? `, /dev/cxl/mem0 at ${(r.marks.mem0.hostMs / 1000).toFixed(1)} s` : '';
      t.diagnostic(
        `${r.kernelVersion ?? '?'}: ${(r.durationMs / 1000).toFixed(1)} s from QEMU start to power-off${mem0}`,
      );
      const context = `guest exit ${r.exitCode}${r.timedOut ? ' (timed out)' : ''}; stderr:\n${r.stderr.slice(-3000)}\nconsole:\n${r.console.slice(-2000)}`;
      assert.equal(r.qmpError, undefined, r.qmpError);
      for (const reply of r.qmp ?? []) assert.ok('return' in reply, `QMP ${JSON.stringify(reply)}`);
      assert.ok(r.kernelVersion?.startsWith(`${run.series}.`), `booted ${r.kernelVersion}`);

      const reports = parseReports(r.stdout);
      const expected = expectedCheckNames(cfg);
      for (const name of expected) {
        await t.test(name, (st) => {
          const rep = reports.get(name);
          assert.ok(rep, `the guest did not report this check (${context})`);
          if (!rep.ok) {
            const err = new assert.AssertionError({ message: `in the guest: ${rep.error?.message}` });
            err.stack = `${rep.error?.name}: ${rep.error?.message}\n${rep.error?.stack ?? ''}`;
            throw err;
          }
          if (rep.details !== undefined) st.diagnostic(`${name}: ${JSON.stringify(rep.details)}`);
        });
      }
      assert.deepEqual(
        [...reports.keys()].filter((n) => !expected.includes(n)),
        [],
        'the guest reported checks this host does not expect',
      );
      assert.equal(r.exitCode, 0, context);
      if (!run.pmemBound) {
        // The write the guest made is in QEMU's LSA backing file, at the offset it was written to.
        const file = readFileSync(path.join(r.tempDir!, 'backing', 'lsa0.raw'));
        assert.deepEqual(
          new Uint8Array(file.subarray(LSA_WRITE_OFFSET, LSA_WRITE_OFFSET + LSA_WRITE_LENGTH)),
          lsaWriteData(),
        );
      }
    } finally {
      if (r.tempDir) rmSync(r.tempDir, { recursive: true, force: true });
    }
  });
}
