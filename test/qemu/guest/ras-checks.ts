/**
 * Memory RAS features through the kernel mailbox. QEMU 10.0's Type 3 device offers Device Patrol
 * Scrub Control and DDR5 ECS Control (sPPR/hPPR and sparing arrived in QEMU 10.2); the Features
 * commands (0500h-0502h) and Perform Maintenance (0600h) have no CXL_MEM_COMMAND_ID in the 6.1
 * and 6.12 uapi, so they can only go as RAW, which Debian kernels refuse
 * (CONFIG_CXL_MEM_RAW_COMMANDS is off; Linux 6.15+ reaches features through fwctl instead). Each
 * check asserts one of two things: the exact raw-disabled refusal, or — on a kernel that lets the
 * command through — QEMU's values decoded.
 */
import assert from 'node:assert/strict';
import { ECS_UUID, PATROL_SCRUB_UUID } from '../../../src/commands/generic/ras-features.js';
import { CxlmiTransportError, supportedFeatures } from '../../../src/index.js';
import type { Check } from './check.js';
import { EPERM, expectRefusal, RAW_DISABLED } from './expect-error.js';

async function refusedOr<T>(p: Promise<T>, opcode: number, through: (v: T) => Promise<unknown> | unknown) {
  const r = await p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  if (r.ok) return { reached: true, ...((await through(r.v)) as object) };
  assert.ok(r.e instanceof CxlmiTransportError, `not a transport refusal: ${String(r.e)}`);
  const refusal = await expectRefusal(Promise.reject(r.e), {
    errnoName: 'EPERM',
    errno: EPERM,
    opcode,
    unavailable: true,
    message: RAW_DISABLED,
  });
  return { reached: false, why: 'no kernel command id; RAW disabled (CONFIG_CXL_MEM_RAW_COMMANDS)', refusal };
}

export const rasChecks: Check[] = [
  {
    name: 'RAS features: Get Supported Features (0500h) is refused as RAW, or lists patrol scrub and ECS',
    async run({ ep }) {
      return refusedOr(supportedFeatures(ep), 0x0500, (entries) => {
        const ids = entries.map((e) => e.feature_id);
        assert.ok(ids.includes(PATROL_SCRUB_UUID), 'QEMU offers Device Patrol Scrub Control');
        assert.ok(ids.includes(ECS_UUID), 'QEMU offers DDR5 ECS Control');
        return { features: ids };
      });
    },
  },
  {
    name: "RAS features: patrol scrub (Get Feature 0501h) is refused as RAW, or decodes to QEMU's defaults",
    async run({ ep }) {
      return refusedOr(ep.getPatrolScrub(), 0x0500, (s) => {
        // QEMU: cycle changeable + realtime report, 12 h, minimum 1 h, disabled.
        assert.equal(s.scrub_cycle_hours, 12);
        assert.equal(s.min_scrub_cycle_hours, 1);
        assert.equal(s.scrub_flags_bits.enabled, false);
        return { scrub: s };
      });
    },
  },
  {
    name: "RAS features: DDR5 ECS is refused as RAW, or decodes to QEMU's three FRUs at 256 errors/Gb",
    async run({ ep }) {
      return refusedOr(ep.getEcs(), 0x0500, (e) => {
        assert.equal(e.fru_attrs.length, 3);
        for (const f of e.fru_attrs) assert.equal(f.threshold_count, 3);
        return { ecs: e };
      });
    },
  },
  {
    name: 'Perform Maintenance (0600h, a resource query) is refused as RAW by a stock kernel',
    async run({ ep }) {
      const r = await ep
        .performMaintenance({ maint_op_class: 0, maint_op_subclass: 0, maint_op_data: new Uint8Array(0) })
        .then(
          () => ({ reached: true }),
          async (e: unknown) => ({
            reached: false,
            refusal: await expectRefusal(Promise.reject(e), {
              errnoName: 'EPERM',
              errno: EPERM,
              opcode: 0x0600,
              unavailable: true,
              message: RAW_DISABLED,
            }),
          }),
        );
      return r;
    },
  },
];
