/** Assertions on the typed errors our mailbox transport raises for refused commands. */
import assert from 'node:assert/strict';
import { CxlmiTransportError, CxlmiUnavailableError } from '../../../src/index.js';

/** What a refusal looked like, for the report. */
export interface Refusal {
  name: string;
  errno: number | undefined;
  errnoName: string | undefined;
  message: string;
}

/**
 * Awaits `p`, which must fail with a CxlmiTransportError carrying `errnoName` (and the opcode);
 * `unavailable` says whether it must be the CxlmiUnavailableError subclass.
 */
export async function expectRefusal(
  p: Promise<unknown>,
  want: { errnoName: string; errno: number; opcode: number; unavailable: boolean; message?: RegExp },
): Promise<Refusal> {
  const e = await p.then(
    (v) => assert.fail(`expected a refusal (${want.errnoName}), got a result: ${String(v)}`),
    (err: unknown) => err,
  );
  assert.ok(e instanceof CxlmiTransportError, `not a CxlmiTransportError: ${String(e)}`);
  assert.equal(e instanceof CxlmiUnavailableError, want.unavailable, `wrong class ${e.name}: ${e.message}`);
  assert.equal(e.code, want.unavailable ? 'CXLMI_ERR_UNAVAILABLE' : 'CXLMI_ERR_TRANSPORT');
  assert.equal(e.errnoName, want.errnoName, e.message);
  assert.equal(e.errno, want.errno, e.message);
  assert.equal(e.transport, 'mailbox');
  assert.equal(e.opcode, want.opcode, e.message);
  assert.equal(e.syscall, 'ioctl(CXL_MEM_SEND_COMMAND)');
  assert.ok(e.hint && e.hint.length > 0, 'a refusal says what to check');
  if (want.message) assert.match(e.message, want.message);
  return { name: e.name, errno: e.errno, errnoName: e.errnoName, message: e.message };
}

/** Linux errno values (asm-generic/errno-base.h), written out so the suite does not trust our own table. */
export const EPERM = 1;
export const ENOENT = 2;
export const EBUSY = 16;
export const ENOTTY = 25;

/** The RAW refusal of a stock kernel: the opcode, that raw commands are off, and what enables them. */
export const RAW_DISABLED = /RAW[\s\S]*CONFIG_CXL_MEM_RAW_COMMANDS/;
