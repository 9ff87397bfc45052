/** Commands the kernel or QEMU's device refuse fail with our typed errors, and nothing leaks. */
import assert from 'node:assert/strict';
import { cxlmi_tunnel_mld } from '../../../src/compat/index.js';
import { CxlmiUnavailableError } from '../../../src/index.js';
import type { Check } from './check.js';
import { ENOENT, ENOTTY, EPERM, expectRefusal, RAW_DISABLED } from './expect-error.js';

export const refusalChecks: Check[] = [
  {
    name: 'get health info (the device lacks it): ENOTTY as a CxlmiTransportError with errno',
    async run({ ep }) {
      return expectRefusal(ep.getHealthInfo(), {
        errnoName: 'ENOTTY',
        errno: ENOTTY,
        opcode: 0x4200,
        unavailable: true,
        message: /GET_HEALTH_INFO/,
      });
    },
  },
  {
    name: 'generic identify (RAW only on a stock kernel): refused with the raw-disabled message',
    async run({ ep }) {
      return expectRefusal(ep.identify(), {
        errnoName: 'EPERM',
        errno: EPERM,
        opcode: 0x0001,
        unavailable: true,
        message: RAW_DISABLED,
      });
    },
  },
  {
    name: 'a command tunneled to an LD (Tunnel Management 5300h, RAW only): refused with the raw-disabled message',
    async run({ ep }) {
      assert.equal(ep.hasFmapi, true, 'mailbox endpoints carry FM-API, as in libcxlmi');
      return expectRefusal(ep.getFwInfo({ tunnel: cxlmi_tunnel_mld(0) }), {
        errnoName: 'EPERM',
        errno: EPERM,
        opcode: 0x5300,
        unavailable: true,
        message: RAW_DISABLED,
      });
    },
  },
  {
    name: 'open of a memdev that does not exist: CxlmiUnavailableError, ENOENT',
    async run({ ctx }) {
      const e = await ctx.open('mem7').then(
        () => assert.fail('mem7 opened'),
        (err: unknown) => err,
      );
      assert.ok(e instanceof CxlmiUnavailableError, String(e));
      assert.equal(e.errno, ENOENT);
      assert.match(e.message, /mem7/);
      return { message: e.message };
    },
  },
];
