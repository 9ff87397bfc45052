/** Logs command set (CXL r3.1 §8.2.9.5). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CEL_UUID,
  clearLog,
  getLog,
  getLogCapabilities,
  getSupportedLogs,
  getSupportedLogsSublist,
  populateLog,
} from '../../../src/commands/generic/logs.js';
import { celLog } from '../../../src/endpoint/get-log.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex, zeros } from './hex.js';

const CEL_UUID_BYTES = '0d a9 c0 b5 bf 41 4b 78 8f 79 96 b1 62 3b 3f 17';
const CSDL_UUID_BYTES = 'b3 fa b4 cf 01 b6 43 32 94 3e 5e 99 62 f2 35 67';

describe('Get Supported Logs (0400h)', () => {
  // Table 8-70 header (count, 6 reserved) and Table 8-71 entries (UUID, u32 size).
  const bytes = hex(`02 00 ${zeros(6)} ${CEL_UUID_BYTES} 68 00 00 00 ${CSDL_UUID_BYTES} 00 10 00 00`);

  it('decodes every entry with its UUID and size', () => {
    const r = getSupportedLogs.response.decode(bytes);
    assert.equal(r.num_supported_log_entries, 2);
    assert.deepEqual(r.entries, [
      { uuid: CEL_UUID, log_size: 0x68 },
      { uuid: 'b3fab4cf-01b6-4332-943e-5e9962f23567', log_size: 0x1000 },
    ]);
  });

  it('an entry cut short is a decode error', () => {
    assert.throws(
      () => getSupportedLogs.response.decode(bytes.subarray(0, bytes.length - 2), 'get_supported_logs'),
      (e: unknown) => e instanceof CxlmiDecodeError && e.command === 'get_supported_logs',
    );
  });
});

describe('Get Log (0401h) and the CEL', () => {
  it('encodes UUID, offset and length (Table 8-72)', () => {
    const req = getLog.encodeRequest({ uuid: CEL_UUID, offset: 0x10, length: 0x200 });
    assert.deepEqual(req, hex(`${CEL_UUID_BYTES} 10 00 00 00 00 02 00 00`));
  });

  it('returns the log data as it arrived (Table 8-73)', () => {
    assert.deepEqual([...getLog.response.decode(hex('01 02 03')).data], [1, 2, 3]);
  });

  it('decodes CEL entries with named effects (Tables 8-74, 8-75)', () => {
    const { entries } = celLog.decode(hex('01 00 00 00  01 02 41 0f  01 01 10 00'));
    assert.deepEqual(
      entries.map((e) => [e.opcode, e.command_effect]),
      [
        [0x0001, 0],
        [0x0201, 0x0f41],
        [0x0101, 0x0010],
      ],
    );
    assert.equal(entries[1].command_effect_bits.background_operation, true);
    assert.equal(entries[1].command_effect_bits.request_abort_bg_op_supported, true);
    assert.equal(entries[1].command_effect_bits.secondary_mailbox_supported, false);
    assert.equal(entries[2].command_effect_bits.immediate_log_change, true);
  });

  it('a CEL that is not whole entries is a decode error', () => {
    assert.throws(() => celLog.decode(hex('01 00 00')), CxlmiDecodeError);
  });
});

describe('Get Log Capabilities, Clear Log, Populate Log, Sub-List (0402h-0405h)', () => {
  it('log capabilities: UUID in, parameter flags out (Tables 8-89, 8-90)', () => {
    assert.deepEqual(getLogCapabilities.encodeRequest({ uuid: CEL_UUID }), hex(CEL_UUID_BYTES));
    const r = getLogCapabilities.response.decode(hex('0b 00 00 00'));
    assert.deepEqual(r.parameter_flags_bits, {
      clear_log_supported: true,
      populate_log_supported: true,
      auto_populate_supported: false,
      persistent_across_cold_reset: true,
    });
  });

  it('clear and populate carry just the UUID (Tables 8-91, 8-92)', () => {
    assert.deepEqual(clearLog.encodeRequest({ uuid: CEL_UUID }), hex(CEL_UUID_BYTES));
    assert.deepEqual(populateLog.encodeRequest({ uuid: CEL_UUID }), hex(CEL_UUID_BYTES));
    assert.equal(populateLog.background, true);
  });

  it('sub-list: request and response with its entries (Tables 8-93, 8-94)', () => {
    assert.deepEqual(
      [...getSupportedLogsSublist.encodeRequest({ max_supported_log_entries: 4, start_log_entry_index: 1 })],
      [4, 1],
    );
    const r = getSupportedLogsSublist.response.decode(
      hex(`01 00 03 00 01 00 00 00 ${CSDL_UUID_BYTES} 00 01 00 00`),
    );
    assert.equal(r.num_supported_log_entries, 1);
    assert.equal(r.total_num_supported_log_entries, 3);
    assert.equal(r.start_log_entry_index, 1);
    assert.deepEqual(r.entries, [{ uuid: 'b3fab4cf-01b6-4332-943e-5e9962f23567', log_size: 0x100 }]);
  });
});
