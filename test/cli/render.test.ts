import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordTable, render } from '../../src/cli/render.js';

describe('render: decoded values as text', () => {
  it('aligns fields, keeps the library names and shows 64-bit ids in hex', () => {
    const text = render({ vendor_id: 0x1b36, max_msg_size: 12, serial_num: 0xc0ffeen });
    assert.equal(text, 'vendor_id     0x1b36\nmax_msg_size  12\nserial_num    0xc0ffee');
  });

  it('shows a capacity with a _bytes view in human units and the unit count', () => {
    const text = render({ total_capacity: 4n, total_capacity_bytes: 4n * 268435456n });
    assert.equal(text, 'total_capacity  1 GiB (4)');
  });

  it('shows a bitfield with its decoded flags, not the _bits view on its own', () => {
    const text = render({ status: 0x51, status_bits: { in_progress: true, percent_complete: 40 } });
    assert.equal(text, 'status  81 (in_progress, percent_complete=40)');
  });

  it('indents nested structures and tables arrays of records', () => {
    const text = render({
      count: 2,
      slots: [
        { slot: 1, rev: 'A' },
        { slot: 2, rev: 'B' },
      ],
      inner: { a: 1 },
    });
    assert.equal(text, 'count  2\nslots (2)\n  slot  rev\n  1     A\n  2     B\ninner\n  a  1');
  });

  it('marks absent optional fields and shortens long byte arrays', () => {
    const text = render({ component_type: undefined, data: new Uint8Array(40).fill(0xab) });
    assert.match(text, /component_type\s+not reported/);
    assert.match(text, /data\s+(ab){32}… \(40 bytes\)/);
  });

  it('hints: hex widths, own formats, hidden fields', () => {
    const text = render(
      { opcode: 0x300, when: 5n, secret: 1 },
      { hex: { opcode: 4 }, format: { when: (v: bigint) => `t=${v}` }, hide: ['secret'] },
    );
    assert.equal(text, 'opcode  0x0300\nwhen    t=5');
  });

  it('record tables flatten nested fields as key.sub', () => {
    assert.equal(recordTable([{ a: 1, b: { c: 2 } }]), 'a  b.c\n1  2');
  });
});
