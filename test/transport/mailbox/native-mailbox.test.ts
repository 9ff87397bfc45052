import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
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
    const before = (await readdir('/proc/self/fd')).length;
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
    assert.equal((await readdir('/proc/self/fd')).length, before);
  });
});
