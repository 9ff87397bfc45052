import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CXL_MEM_QUERY_COMMANDS,
  CXL_MEM_SEND_COMMAND,
  cxlMemQueryCommands,
  cxlSendCommand,
} from '../../../src/transport/mailbox/uapi-layouts.js';

// Byte vectors from include/uapi/linux/cxl_mem.h: native (little-endian) layout, no padding.
describe('cxl_mem.h uapi structures', () => {
  it('ioctl numbers: _IOR(0xCE, 1, 8-byte struct) and _IOWR(0xCE, 2, 48-byte struct)', () => {
    // asm-generic/ioctl.h: dir<<30 | size<<16 | type<<8 | nr with READ=2, READ|WRITE=3
    assert.equal(CXL_MEM_QUERY_COMMANDS, 0x8008ce01);
    assert.equal(CXL_MEM_SEND_COMMAND, 0xc030ce02);
    assert.equal(cxlSendCommand.size, 48);
  });

  it('struct cxl_send_command: a RAW command at the uapi offsets', () => {
    const bytes = cxlSendCommand.encode({
      id: 2,
      flags: 0,
      raw_opcode: 0x5300,
      retval: 0,
      in: { size: 0x0c, payload: 0x7f0000300000n },
      out: { size: 0x800, payload: 0x7f0000400000n },
    });
    // prettier-ignore
    const expected = [
      0x02,
      0x00,
      0x00,
      0x00, // 0  id = CXL_MEM_COMMAND_ID_RAW
      0x00,
      0x00,
      0x00,
      0x00, // 4  flags
      0x00,
      0x53,
      0x00,
      0x00, // 8  raw.opcode = 0x5300, raw.rsvd
      0x00,
      0x00,
      0x00,
      0x00, // 12 retval
      0x0c,
      0x00,
      0x00,
      0x00, // 16 in.size
      0x00,
      0x00,
      0x00,
      0x00, // 20 in.rsvd
      0x00,
      0x00,
      0x30,
      0x00,
      0x00,
      0x7f,
      0x00,
      0x00, // 24 in.payload
      0x00,
      0x08,
      0x00,
      0x00, // 32 out.size
      0x00,
      0x00,
      0x00,
      0x00, // 36 out.rsvd
      0x00,
      0x00,
      0x40,
      0x00,
      0x00,
      0x7f,
      0x00,
      0x00, // 40 out.payload
    ];
    assert.deepEqual([...bytes], expected);
  });

  it('struct cxl_send_command: what the kernel writes back decodes', () => {
    // prettier-ignore
    const bytes = Uint8Array.from([
      0x01,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x01,
      0x00,
      0x00,
      0x00, // retval = 1 (Background Command Started)
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x43,
      0x00,
      0x00,
      0x00, // out.size = 0x43
      0x00,
      0x00,
      0x00,
      0x00,
      0x10,
      0x32,
      0x54,
      0x76,
      0x98,
      0xba,
      0xdc,
      0x0e,
    ]);
    const s = cxlSendCommand.decode(bytes);
    assert.equal(s.id, 1);
    assert.equal(s.retval, 1);
    assert.equal(s.out.size, 0x43);
    assert.equal(s.out.payload, 0x0edcba9876543210n);
  });

  it('struct cxl_mem_query_commands: command infos follow the 8-byte header', () => {
    // prettier-ignore
    const bytes = Uint8Array.from([
      0x02,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00, // n_commands = 2, rsvd
      0x01,
      0x00,
      0x00,
      0x00,
      0x01,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x00,
      0x43,
      0x00,
      0x00,
      0x00, // IDENTIFY, ENABLED, in 0, out 0x43
      0x06,
      0x00,
      0x00,
      0x00,
      0x03,
      0x00,
      0x00,
      0x00,
      0x08,
      0x00,
      0x00,
      0x00,
      0xff,
      0xff,
      0xff,
      0xff, // GET_LSA, ENABLED|EXCLUSIVE, 8, ~0
    ]);
    const q = cxlMemQueryCommands.decode(bytes);
    assert.equal(q.n_commands, 2);
    assert.deepEqual(q.commands, [
      { id: 1, flags: 1, size_in: 0, size_out: 0x43 },
      { id: 6, flags: 3, size_in: 8, size_out: 0xffffffff },
    ]);
    // The header asking for the count: n_commands = 0 and the reserved word.
    assert.deepEqual(
      [...cxlMemQueryCommands.encode({ n_commands: 0, commands: [] })],
      [0, 0, 0, 0, 0, 0, 0, 0],
    );
  });
});
