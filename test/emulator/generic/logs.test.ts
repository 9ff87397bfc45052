/** The emulated device's logs, CEL included (CXL r3.1 §8.2.9.5). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CEL_UUID,
  COMPONENT_STATE_DUMP_LOG_UUID,
  VENDOR_DEBUG_LOG_UUID,
} from '../../../src/commands/generic/logs.js';
import { setTimestamp } from '../../../src/commands/generic/timestamp.js';
import { celLog } from '../../../src/endpoint/get-log.js';
import {
  CXLMI_RET_ABORT,
  CXLMI_RET_INPUT,
  CXLMI_RET_LOG,
  CXLMI_RET_SUCCESS,
} from '../../../src/protocol/retcodes.js';
import { retcodeOf, rig } from './setup.js';

const UNKNOWN = '00112233-4455-6677-8899-aabbccddeeff';

describe('emulated logs', () => {
  it('lists the CEL, Vendor Debug and Component State Dump logs with their sizes', async () => {
    const r = await rig();
    try {
      const { entries } = await r.ep.getSupportedLogs();
      assert.deepEqual(
        entries.map((e) => e.uuid),
        [CEL_UUID, VENDOR_DEBUG_LOG_UUID, COMPONENT_STATE_DUMP_LOG_UUID],
      );
      assert.equal(entries[0].log_size, 4 * r.dev.commands.length);
    } finally {
      await r.close();
    }
  });

  it('generates the CEL from the commands the device implements, with their declared effects', async () => {
    const r = await rig();
    try {
      const read = async () => {
        const size = (await r.ep.getSupportedLogs()).entries[0].log_size;
        const { data } = await r.ep.getLogPart({ uuid: CEL_UUID, offset: 0, length: size });
        return celLog.decode(data).entries;
      };
      const cel = await read();
      assert.deepEqual(
        cel.map((e) => e.opcode),
        r.dev.commands.map((c) => c.opcode),
      );
      const effect = (op: number) => cel.find((e) => e.opcode === op)?.command_effect;
      assert.equal(effect(0x0001), 0);
      assert.equal(effect(0x0201), 0x0f41);
      assert.equal(effect(0x0301), 1 << 3);
      // Scan Media (4304h) and Sanitize (4400h) answer Background Command Started, so their CEL
      // entries carry Background Operation (Table 8-75, bit 6), as QEMU's device lists them.
      assert.equal(effect(0x4304)! & (1 << 6), 1 << 6);
      assert.equal(effect(0x4400)! & (1 << 6), 1 << 6);
      // Set LSA changes configuration and data at once (bits 1, 2 = 06h, as QEMU's device lists
      // it); Sanitize changes data and security state in the background and may be aborted
      // (0164h, the abort capability at the spec's bit 8; QEMU's CEL lists 0064h).
      assert.equal(effect(0x4103), 0x06);
      assert.equal(effect(0x4400), 0x164);
      r.dev.unhandle(setTimestamp);
      const after = await read();
      assert.equal(after.length, cel.length - 1);
      assert.equal(
        after.some((e) => e.opcode === 0x0301),
        false,
      );
    } finally {
      await r.close();
    }
  });

  it('Get Log checks the UUID, the range and the response limit', async () => {
    const r = await rig();
    try {
      assert.equal(await retcodeOf(r.ep.getLogPart({ uuid: UNKNOWN, offset: 0, length: 4 })), CXLMI_RET_LOG);
      const size = 4 * r.dev.commands.length;
      assert.equal(
        await retcodeOf(r.ep.getLogPart({ uuid: CEL_UUID, offset: size - 2, length: 4 })),
        CXLMI_RET_INPUT,
      );
      await r.ep.setResponseMsgLimit({ limit: 8 });
      assert.equal(
        await retcodeOf(r.ep.getLogPart({ uuid: CEL_UUID, offset: 0, length: 257 })),
        CXLMI_RET_INPUT,
      );
      assert.equal((await r.ep.getLogPart({ uuid: CEL_UUID, offset: 4, length: 4 })).data.length, 4);
    } finally {
      await r.close();
    }
  });

  it('reports capabilities per log and clears only logs that allow it', async () => {
    const r = await rig();
    try {
      assert.equal((await r.ep.getLogCapabilities({ uuid: CEL_UUID })).parameter_flags, 0);
      const csdl = await r.ep.getLogCapabilities({ uuid: COMPONENT_STATE_DUMP_LOG_UUID });
      assert.equal(csdl.parameter_flags_bits.clear_log_supported, true);
      assert.equal(csdl.parameter_flags_bits.populate_log_supported, true);
      assert.equal(await retcodeOf(r.ep.getLogCapabilities({ uuid: UNKNOWN })), CXLMI_RET_LOG);
      assert.equal(await retcodeOf(r.ep.clearLog({ uuid: CEL_UUID })), CXLMI_RET_INPUT);
      assert.equal(await retcodeOf(r.ep.clearLog({ uuid: UNKNOWN })), CXLMI_RET_LOG);
      r.dev.generic.logs.debug('hello');
      assert.equal((await r.ep.getSupportedLogs()).entries[1].log_size, 6);
      await r.ep.clearLog({ uuid: VENDOR_DEBUG_LOG_UUID });
      assert.equal((await r.ep.getSupportedLogs()).entries[1].log_size, 0);
    } finally {
      await r.close();
    }
  });

  it('populates the Component State Dump Log in the background; abort leaves it empty', async () => {
    const r = await rig();
    try {
      assert.equal(await retcodeOf(r.ep.populateLog({ uuid: CEL_UUID })), CXLMI_RET_INPUT);
      const started = await r.ep.populateLog({ uuid: COMPONENT_STATE_DUMP_LOG_UUID });
      assert.equal(started.background, true);
      await r.ep.requestBgOpAbort();
      assert.equal((await r.ep.bgOpStatus()).returncode, CXLMI_RET_ABORT);
      assert.equal((await r.ep.getSupportedLogs()).entries[2].log_size, 0);

      await r.ep.populateLog({ uuid: COMPONENT_STATE_DUMP_LOG_UUID });
      r.advance(1000);
      const s = await r.ep.bgOpStatus();
      assert.equal(s.opcode, 0x0404);
      assert.equal(s.returncode, CXLMI_RET_SUCCESS);
      const size = (await r.ep.getSupportedLogs()).entries[2].log_size;
      assert.ok(size > 0);
      const text = new TextDecoder().decode(await r.ep.getLog(COMPONENT_STATE_DUMP_LOG_UUID));
      assert.match(text, /component state dump/);
    } finally {
      await r.close();
    }
  });

  it('Get Supported Logs Sub-List pages through the same list', async () => {
    const r = await rig();
    try {
      const page = await r.ep.getSupportedLogsSublist({
        max_supported_log_entries: 1,
        start_log_entry_index: 1,
      });
      assert.equal(page.num_supported_log_entries, 1);
      assert.equal(page.total_num_supported_log_entries, 3);
      assert.equal(page.start_log_entry_index, 1);
      assert.equal(page.entries[0].uuid, VENDOR_DEBUG_LOG_UUID);
      const end = await r.ep.getSupportedLogsSublist({
        max_supported_log_entries: 5,
        start_log_entry_index: 3,
      });
      assert.equal(end.num_supported_log_entries, 0);
      assert.equal(
        await retcodeOf(
          r.ep.getSupportedLogsSublist({ max_supported_log_entries: 0, start_log_entry_index: 0 }),
        ),
        CXLMI_RET_INPUT,
      );
      assert.equal(
        await retcodeOf(
          r.ep.getSupportedLogsSublist({ max_supported_log_entries: 1, start_log_entry_index: 4 }),
        ),
        CXLMI_RET_INPUT,
      );
    } finally {
      await r.close();
    }
  });
});
