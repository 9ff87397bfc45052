// Smoke tests of the lab harness itself (boots real guests: run alone, one QEMU at a time).
//   node --test test/qemu/lab-smoke.test.mjs

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lsaPattern, qemuVersion, runInGuest } from './lab.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => path.join(here, 'fixtures', name);

// A pid may be reused, but not by a QEMU: check the process is gone or is not ours.
function qemuStillRunning(pid) {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('qemu-system');
  } catch {
    return false;
  }
}

for (const kernel of ['6.1', '6.12']) {
  test(`kernel ${kernel}: the guest reaches /dev/cxl/mem0 and runs node in the host root`, async () => {
    const r = await runInGuest({ kernel, script: fixture('guest-hello.mjs'), timeoutMs: 180_000 });
    assert.equal(r.exitCode, 0, r.stderr || r.console.slice(-2000));
    assert.ok(r.kernelVersion.startsWith(`${kernel}.`), r.kernelVersion);
    assert.equal(r.qemuVersion, qemuVersion().text);
    const seen = JSON.parse(r.stdout);
    assert.deepEqual(seen.devCxl, ['mem0']);
    assert.equal(seen.proc, true);
    assert.equal(seen.sysCxl, true);
    assert.ok(r.marks.mem0, 'the guest reported mem0');
    assert.equal(qemuStillRunning(r.qemuPid), false);
  });
}

test('arguments, stdout, stderr and a non-zero exit code come back', async () => {
  const r = await runInGuest({
    kernel: '6.12',
    script: fixture('echo-exit.mjs'),
    args: ["it's", 'a b', '7'],
    timeoutMs: 180_000,
  });
  assert.equal(r.exitCode, 7);
  assert.equal(r.stdout, "it's\na b\n7\n");
  assert.equal(r.stderr, "err:it's\n");
});

test('a run past its timeout is killed and reported as timed out', async () => {
  const r = await runInGuest({ kernel: '6.12', script: fixture('guest-hello.mjs'), timeoutMs: 1500 });
  assert.equal(r.timedOut, true);
  assert.equal(r.exitCode, null);
  assert.equal(r.qemuExit.signal, 'SIGKILL');
  assert.equal(qemuStillRunning(r.qemuPid), false);
});

test('without cxl_pmem the kernel lets SET_LSA through and the write lands in the LSA file', async () => {
  // probe.mjs sends SET_LSA {offset 0, 4 zero bytes}; with cxl_pmem bound it gets EBUSY.
  const r = await runInGuest({
    kernel: '6.12',
    script: path.join(here, 'probe.mjs'),
    skipModules: ['cxl_pmem'],
    keepTemp: true,
    timeoutMs: 180_000,
  });
  try {
    assert.equal(r.exitCode, 0, r.stderr);
    const probe = JSON.parse(r.stdout);
    assert.equal(probe.send.SET_LSA_0_4.rc, 0);
    assert.equal(probe.send.SET_LSA_0_4.retval, 0);
    const lsa = readFileSync(path.join(r.tempDir, 'backing', 'lsa0.raw'));
    const expected = Buffer.from(lsaPattern(0, 8));
    expected.fill(0, 0, 4);
    assert.deepEqual(lsa.subarray(0, 8), expected);
  } finally {
    rmSync(r.tempDir, { recursive: true, force: true });
  }
});
