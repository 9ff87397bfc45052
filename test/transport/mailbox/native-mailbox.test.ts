import assert from 'node:assert/strict';
import { mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CxlmiUnavailableError } from '../../../src/errors.js';
import { MailboxTransport } from '../../../src/transport/mailbox/mailbox-transport.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cxlmi-native-'));
  await writeFile(join(dir, 'mem0'), '');
});
after(() => rm(dir, { recursive: true, force: true }));

/**
 * Descriptors open on files of this test's folder. Only those: the test runner and the TypeScript
 * loader open and close descriptors of their own at any time.
 */
async function fdsInDir(): Promise<string[]> {
  const out: string[] = [];
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target.startsWith(dir)) out.push(target);
  }
  return out;
}

describe('kernel mailbox through the real open() and ioctl()', () => {
  it('a path with no device is a typed ENOENT error', async () => {
    await assert.rejects(MailboxTransport.open(join(dir, 'missing/mem0')), (e: unknown) => {
      assert.ok(e instanceof CxlmiUnavailableError);
      assert.equal(e.errno, 2);
      assert.equal(e.errnoName, 'ENOENT');
      return true;
    });
  });

  it('a file that is not a CXL memdev answers CXL_MEM_QUERY_COMMANDS with ENOTTY, and no descriptor leaks', async () => {
    assert.deepEqual(await fdsInDir(), []);
    await assert.rejects(MailboxTransport.open(join(dir, 'mem0')), (e: unknown) => {
      assert.ok(e instanceof CxlmiUnavailableError);
      assert.equal(e.errno, 25);
      assert.equal(e.syscall, 'ioctl(CXL_MEM_QUERY_COMMANDS)');
      assert.match(
        e.message,
        /is not a CXL memory device: the kernel does not answer CXL_MEM_QUERY_COMMANDS on it \(ENOTTY 25\)/,
      );
      return true;
    });
    assert.deepEqual(await fdsInDir(), []);
  });
});
