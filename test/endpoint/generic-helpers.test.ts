/**
 * Endpoint helpers over several generic commands: waiting for background operations, chunked
 * Get Log / CEL, chunked Transfer FW and vendor-specific pass-through.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CEL_UUID, COMPONENT_STATE_DUMP_LOG_UUID } from '../../src/commands/generic/logs.js';
import { CxlmiAbortError, CxlmiCommandError, CxlmiUsageError } from '../../src/errors.js';
import {
  CXLMI_RET_ABORT,
  CXLMI_RET_FWSLOT,
  CXLMI_RET_LOG,
  CXLMI_RET_UNSUPPORTED,
} from '../../src/protocol/retcodes.js';
import { retcodeOf, rig } from '../emulator/generic/setup.js';

function image(revision: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7) & 0xff;
  out.set(new TextEncoder().encode(`${revision}\0`));
  return out;
}

describe('ep.waitForBackgroundOperation', () => {
  it('polls until the operation ends and reports progress, return code and vendor status', async () => {
    const r = await rig({ generic: { logs: { populateMs: 400 } } });
    try {
      await r.ep.populateLog({ uuid: 'b3fab4cf-01b6-4332-943e-5e9962f23567' });
      const seen: number[] = [];
      const res = await r.ep.waitForBackgroundOperation({
        intervalMs: 0,
        onProgress: (p) => {
          seen.push(p.percent);
          r.advance(100); // the device clock moves only when the test says so
        },
      });
      assert.deepEqual(seen, [0, 25, 50, 75]);
      assert.equal(res.ok, true);
      assert.equal(res.opcode, 0x0404);
      assert.equal(res.percent, 100);
      assert.equal(res.returncodeName, 'CXLMI_RET_SUCCESS');
    } finally {
      await r.close();
    }
  });

  it('reports an aborted operation, and `abort` sends Request Abort when the signal fires', async () => {
    const r = await rig();
    try {
      await r.ep.populateLog({ uuid: 'b3fab4cf-01b6-4332-943e-5e9962f23567' });
      const ac = new AbortController();
      await assert.rejects(
        r.ep.waitForBackgroundOperation({
          intervalMs: 1,
          signal: ac.signal,
          abort: true,
          onProgress: () => ac.abort(),
        }),
        CxlmiAbortError,
      );
      const res = await r.ep.waitForBackgroundOperation();
      assert.equal(res.aborted, true);
      assert.equal(res.ok, false);
      assert.equal(res.returncode, CXLMI_RET_ABORT);
      assert.ok(res.percent < 100);
    } finally {
      await r.close();
    }
  });
});

describe('ep.getLog and ep.getCel', () => {
  it('reads a log in pieces of the given size, with progress, equal to one read', async () => {
    const r = await rig();
    try {
      const size = 4 * r.dev.commands.length;
      const whole = (await r.ep.getLogPart({ uuid: CEL_UUID, offset: 0, length: size })).data;
      const progress: number[] = [];
      const pieces = await r.ep.getLog(CEL_UUID, { chunkSize: 24, onProgress: (p) => progress.push(p.done) });
      assert.deepEqual(pieces, whole);
      assert.equal(progress[0], 0);
      assert.equal(progress.at(-1), size);
      assert.equal(progress.length, 1 + Math.ceil(size / 24));
      const tail = await r.ep.getLog(CEL_UUID, { offset: 8, length: 8 });
      assert.deepEqual(tail, whole.subarray(8, 16));
    } finally {
      await r.close();
    }
  });

  it('a log returned whole is the caller’s own: mutating it changes neither the device nor another result', async () => {
    const r = await rig({ maxMessageSizeLog2: 20 });
    try {
      await r.ep.setResponseMsgLimit({ limit: 20 });
      const dump = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 5) & 0xff);
      r.dev.generic.logs.setStateDump(dump);
      const uuid = COMPONENT_STATE_DUMP_LOG_UUID;
      const a = await r.ep.getLog(uuid, { length: dump.length });
      const b = await r.ep.getLog(uuid, { length: dump.length });
      const part = (await r.ep.getLogPart({ uuid, offset: 0, length: dump.length })).data;
      assert.deepEqual(a, dump);
      a.fill(0xee);
      assert.deepEqual(b, dump, 'a result held at the same time is not touched');
      assert.deepEqual(part, dump);
      part.fill(0x11);
      assert.deepEqual(
        await r.ep.getLog(uuid, { length: dump.length }),
        dump,
        'the device still has its log',
      );
      assert.deepEqual(b, dump);
      assert.ok(
        a.every((x) => x === 0xee),
        'and the first result keeps what its owner wrote',
      );
      // A later read does not overwrite an earlier result either.
      r.dev.generic.logs.setStateDump(new Uint8Array(dump.length).fill(0x42));
      const c = await r.ep.getLog(uuid, { length: dump.length });
      assert.ok(c.every((x) => x === 0x42));
      assert.deepEqual(b, dump);
      // Read in pieces the result is assembled the same way.
      assert.ok((await r.ep.getLog(uuid, { length: dump.length, chunkSize: 4096 })).every((x) => x === 0x42));
    } finally {
      await r.close();
    }
  });

  it('keeps within the response message limit by default', async () => {
    const r = await rig();
    try {
      await r.ep.setResponseMsgLimit({ limit: 8 });
      r.dev.generic.logs.debug('x'.repeat(600));
      const text = new TextDecoder().decode(await r.ep.getLog('5e1819d9-11a9-400c-811f-d60719403d86'));
      assert.equal(text, `${'x'.repeat(600)}\n`);
    } finally {
      await r.close();
    }
  });

  it('an unsupported log is Invalid Log', async () => {
    const r = await rig();
    try {
      assert.equal(await retcodeOf(r.ep.getLog('00112233-4455-6677-8899-aabbccddeeff')), CXLMI_RET_LOG);
    } finally {
      await r.close();
    }
  });

  it('decodes the CEL into entries with named effects', async () => {
    const r = await rig();
    try {
      const cel = await r.ep.getCel({ chunkSize: 16 });
      assert.equal(cel.length, r.dev.commands.length);
      const fw = cel.find((e) => e.opcode === 0x0201);
      assert.equal(fw?.command_effect_bits.background_operation, true);
      assert.equal(fw?.command_effect_bits.request_abort_bg_op_supported, true);
    } finally {
      await r.close();
    }
  });
});

describe('ep.transferFw', () => {
  it('sends a small package as one Full FW Transfer and waits for verification', async () => {
    const r = await rig();
    try {
      const phases: string[] = [];
      const res = await r.ep.transferFw(image('v2.0.0', 512), {
        slot: 2,
        intervalMs: 0,
        onProgress: (p) => {
          phases.push(p.phase);
          if (p.phase === 'verify') r.advance(200);
        },
      });
      assert.equal(res.parts, 1);
      assert.equal(res.background?.ok, true);
      assert.equal(phases[0], 'transfer');
      assert.ok(phases.includes('verify'));
      assert.equal((await r.ep.getFwInfo()).fw_rev2, 'v2.0.0');
    } finally {
      await r.close();
    }
  });

  it('splits a large package into in-order parts of whole 128-byte units', async () => {
    const r = await rig();
    try {
      const pkg = image('v3.0.0', 10_000);
      const done: number[] = [];
      const res = await r.ep.transferFw(pkg, {
        slot: 3,
        chunkSize: 1000, // rounds down to 896
        intervalMs: 0,
        onProgress: (p) => {
          if (p.phase === 'transfer') done.push(p.done);
          else r.advance(500);
        },
      });
      assert.equal(res.parts, Math.ceil(10_000 / 896));
      assert.deepEqual(done.slice(0, 3), [0, 896, 1792]);
      assert.equal(done.at(-1), 10_000);
      assert.deepEqual(r.dev.generic.firmware.slots[2]?.image, pkg);
    } finally {
      await r.close();
    }
  });

  it('uses the largest request the device takes when no chunk size is given', async () => {
    const r = await rig({ maxMessageSizeLog2: 9 }); // 512-byte requests: 80h header + 3 units of 128
    try {
      const res = await r.ep.transferFw(image('v4', 1000), {
        slot: 2,
        intervalMs: 0,
        onProgress: (p) => p.phase === 'verify' && r.advance(500),
      });
      assert.equal(res.parts, 3);
    } finally {
      await r.close();
    }
  });

  it('a refused final part aborts the transfer on the device and throws the return code', async () => {
    const r = await rig();
    try {
      const err = await r.ep.transferFw(image('v5', 1000), { slot: 1, chunkSize: 256 }).catch((e) => e);
      assert.ok(err instanceof CxlmiCommandError);
      assert.equal(err.retcode, CXLMI_RET_FWSLOT);
      assert.equal(r.dev.generic.firmware.transferring, false);
    } finally {
      await r.close();
    }
  });
});

describe('ep.vendorSpecific', () => {
  it('refuses opcodes outside C000h-FFFFh and passes the return code through', async () => {
    const r = await rig();
    try {
      await assert.rejects(r.ep.vendorSpecific(0x0001), CxlmiUsageError);
      assert.equal(await retcodeOf(r.ep.vendorSpecific(0xc000, Uint8Array.of(1, 2))), CXLMI_RET_UNSUPPORTED);
    } finally {
      await r.close();
    }
  });
});
