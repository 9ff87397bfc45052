/** Human tables: one naming rule (library field names), values shown by meaning. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cli } from './run-cli.js';

describe('human views', () => {
  it('health names the media status, as health --watch does', async () => {
    const r = await cli(['--emulate', 'health']);
    assert.match(r.out, /^ {2}media_status +0 \(Normal\)$/m);
  });

  it('dcd regions shows every size in human units and the base as an address', async () => {
    const r = await cli(['--emulate=fabric', 'dcd', 'regions']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {4}base +decode_len +region_len +block_size/m);
    assert.match(r.out, /^ {4}0x40000000 +1 GiB \(4\) +1 GiB +2 MiB +0 +0$/m);
    assert.doesNotMatch(r.out, /1073741824|2097152/);
  });

  it('media-ops discover names the operation classes and subclasses', async () => {
    const r = await cli(['--emulate', 'media-ops', 'discover']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^ {4}1 \(Sanitize\) +0 \(Sanitize\)$/m);
    assert.match(r.out, /^ {4}1 \(Sanitize\) +1 \(Zero\)$/m);
  });

  it('identify uses the library field names, as every other table', async () => {
    const r = await cli(['--emulate', 'identify']);
    for (const k of [
      'vendor_id',
      'device_id',
      'subsys_vendor_id',
      'subsys_id',
      'serial_num',
      'component_type',
    ])
      assert.match(r.out, new RegExp(`^ {2}${k} `, 'm'));
    assert.doesNotMatch(r.out, /Vendor ID|Serial Number/);
  });
});

describe('sizes in transfer summaries', () => {
  it('lsa read and fw update give sizes in human units with the exact count', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'cxlmi-sizes-'));
    const lsa = await cli(['--emulate', 'lsa', 'read', '-o', join(dir, 'lsa.bin')]);
    assert.match(lsa.out, /^ {2}128 KiB \(131072 bytes\) at offset 0 written to /m);
    writeFileSync(join(dir, 'fw.bin'), Buffer.alloc(262144));
    const fw = await cli(['--emulate', 'fw', 'update', join(dir, 'fw.bin')]);
    assert.equal(fw.code, 0, fw.err);
    assert.match(fw.out, /^ {2}bytes +256 KiB \(262144 bytes\)$/m);
  });
});
