import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  getLsa,
  getLsaReq,
  getLsaRsp,
  getPartitionInfo,
  getPartitionInfoRsp,
  setLsa,
  setLsaReq,
  setPartitionInfo,
  setPartitionInfoReq,
} from '../../../src/commands/memdev/capacity-config.js';
import { CxlmiDecodeError } from '../../../src/errors.js';
import { hex } from './hex.js';

const MiB256 = 256n * 1024n * 1024n;

describe('capacity configuration and label storage (41h)', () => {
  it('has the spec opcodes', () => {
    assert.deepEqual(
      [getPartitionInfo.opcode, setPartitionInfo.opcode, getLsa.opcode, setLsa.opcode],
      [0x4100, 0x4101, 0x4102, 0x4103],
    );
  });

  // Get Partition Info output (§8.2.9.9.2.1): active volatile, active persistent, next volatile,
  // next persistent; each u64 in 256 MiB units.
  it('decodes Get Partition Info', () => {
    const r = getPartitionInfoRsp.decode(
      hex(
        '02 00 00 00 00 00 00 00  06 00 00 00 00 00 00 00  04 00 00 00 00 00 00 00  04 00 00 00 00 00 00 00',
      ),
    );
    assert.equal(r.active_vmem, 2n);
    assert.equal(r.active_pmem, 6n);
    assert.equal(r.next_vmem, 4n);
    assert.equal(r.next_pmem, 4n);
    assert.equal(r.active_vmem_bytes, 2n * MiB256);
    assert.equal(r.next_pmem_bytes, 4n * MiB256);
    assert.throws(() => getPartitionInfoRsp.decode(new Uint8Array(31)), CxlmiDecodeError);
  });

  // Set Partition Info input (§8.2.9.9.2.2): volatile capacity u64 (256 MiB units), flags u8
  // (bit 0 immediate).
  it('encodes Set Partition Info', () => {
    assert.deepEqual(
      setPartitionInfoReq.encode({ volatile_capacity: 3n, flags: 1 }),
      hex('03 00 00 00 00 00 00 00 01'),
    );
    assert.equal(setPartitionInfoReq.size, 9);
  });

  // Get LSA input (§8.2.9.9.2.3): offset u32, length u32; output: the bytes.
  it('encodes Get LSA and decodes its data', () => {
    assert.deepEqual(getLsaReq.encode({ offset: 0x100, length: 0x40 }), hex('00 01 00 00 40 00 00 00'));
    const r = getLsaRsp.decode(hex('de ad be ef'));
    assert.deepEqual([...r.data], [0xde, 0xad, 0xbe, 0xef]);
    assert.equal(getLsaRsp.decode(new Uint8Array(0)).data.length, 0);
  });

  // Set LSA input (§8.2.9.9.2.4): offset u32, reserved u32, data.
  it('encodes Set LSA with its reserved word zero', () => {
    assert.deepEqual(
      setLsaReq.encode({ offset: 0x10, data: hex('01 02 03') }),
      hex('10 00 00 00 00 00 00 00 01 02 03'),
    );
    const back = setLsaReq.decode(hex('10 00 00 00 ff ff ff ff 09'));
    assert.equal(back.offset, 0x10);
    assert.deepEqual([...back.data], [9]);
    assert.throws(() => setLsaReq.decode(hex('10 00 00 00 00 00 00')), CxlmiDecodeError);
  });
});
