import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  mediaOperationsDiscovery,
  mediaOperationsDiscoveryReq,
  mediaOperationsDiscoveryRsp,
  mediaOperationsSanitize,
  mediaOperationsSanitizeReq,
  sanitize,
  secureErase,
} from '../../../src/commands/memdev/sanitize.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

describe('sanitize and media operations (44h)', () => {
  it('has the spec opcodes; Sanitize and the media operations run in the background, Secure Erase does not', () => {
    assert.deepEqual(
      [sanitize, secureErase, mediaOperationsDiscovery, mediaOperationsSanitize].map((c) => c.opcode),
      [0x4400, 0x4401, 0x4402, 0x4402],
    );
    assert.equal(sanitize.background, true);
    assert.equal(secureErase.background, false);
    assert.equal(mediaOperationsSanitize.background, true);
    assert.equal(sanitize.request, null);
  });

  // Media Operations input (r3.2 §8.2.10.9.5.3): class u8, subclass u8, reserved[2],
  // DPA range count u32, then for Discovery: start index u16, number of operations u16.
  it('encodes a Discovery request', () => {
    assert.deepEqual(
      mediaOperationsDiscoveryReq.encode({
        media_operation_class: 0,
        media_operation_subclass: 0,
        dpa_range_count: 0,
        discovery_osa: { start_index: 1, num_ops: 8 },
      }),
      hex('00 00 00 00 00 00 00 00 01 00 08 00'),
    );
  });

  // Discovery output: DPA range granularity u64, total supported u16, returned u16, then
  // (class, subclass) pairs.
  it('decodes a Discovery response', () => {
    const r = mediaOperationsDiscoveryRsp.decode(hex('40 00 00 00 00 00 00 00 02 00 02 00 01 00 01 01'));
    assert.equal(r.dpa_range_granularity, 64n);
    assert.equal(r.total_supported_ops, 2);
    assert.deepEqual(r.entry, [
      { media_op_class: 1, media_op_subclass: 0 },
      { media_op_class: 1, media_op_subclass: 1 },
    ]);
    assert.throws(
      () => mediaOperationsDiscoveryRsp.decode(hex('40 00 00 00 00 00 00 00 02 00 02 00 01 00')),
      CxlmiDecodeError,
    );
  });

  // Sanitize / Zero input: the common 8 bytes then 16-byte DPA ranges (start u64, length u64).
  it('encodes a Zero request with its range list and count', () => {
    assert.deepEqual(
      mediaOperationsSanitizeReq.encode({
        media_operation_class: 1,
        media_operation_subclass: 1,
        dpa_range_count: 1,
        dpa_range_list: [{ starting_dpa: 0x1000n, length: 0x80n }],
      }),
      hex('01 01 00 00 01 00 00 00 00 10 00 00 00 00 00 00 80 00 00 00 00 00 00 00'),
    );
  });
});
