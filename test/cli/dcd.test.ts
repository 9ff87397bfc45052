import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_DEVICE, EXIT_USAGE } from '../../src/cli/exit-codes.js';
import type { EmulatedEndpointSpec } from '../../src/emulator/topology.js';
import { DC_TAG, mhdEmpty, mhdHead, mhdWithOffer, mhdWithTagged } from './emulated.js';
import { cli } from './run-cli.js';

/** Keeps one emulated device across CLI runs. */
const keep = (specs: EmulatedEndpointSpec[]) => ({ emulator: () => specs });

describe('cxlmi dcd, fabric manager side (FM-API DCD Management 5600h-5608h)', () => {
  it('info: hosts and capacity of the multi-headed DCD in the default fabric, text and --json', async () => {
    const t = await cli(['--emulate=fabric', 'dcd', 'info']);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /^emulator:mhd0\n {2}num_hosts +2$/m);
    assert.match(t.out, /^ {2}total_dynamic_capacity +1 GiB \(4\)$/m);
    const j = JSON.parse((await cli(['--emulate=fabric', 'dcd', 'info', '--json'])).out);
    assert.equal(j.total_dynamic_capacity_bytes, 1 << 30);
    assert.equal(j.num_supported_dc_regions, 1);
  });

  it('regions and host-extents: what each host sees of the region and holds', async () => {
    const r = JSON.parse((await cli(['--emulate=fabric', 'dcd', 'regions', '--host', '1', '--json'])).out);
    assert.equal(r.host_id, 1);
    assert.equal(r.region_configs[0].block_size, 2 << 20);
    const t = await cli(['--emulate=fabric', 'dcd', 'host-extents']);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /^ {4}0x40000000 +128 MiB +00000000-0000-0000-0000-000000000000 +0$/m);
  });

  it('set-region changes the block size of a region without extents, and is refused while it holds one', async () => {
    const io = keep(mhdEmpty());
    const s = await cli(['--emulate', 'dcd', 'set-region', '0', '--block-size', '4M', '--json'], io);
    assert.equal(s.code, 0, s.err);
    assert.deepEqual(JSON.parse(s.out), { region_id: 0, block_sz: 4 << 20, sanitize_on_release: 0 });
    const r = JSON.parse((await cli(['--emulate', 'dcd', 'regions', '--json'], io)).out);
    assert.equal(r.region_configs[0].block_size, 4 << 20);
    const busy = await cli(['--emulate', 'dcd', 'set-region', '0', '--block-size', '4M'], keep(mhdHead()));
    assert.equal(busy.code, EXIT_DEVICE);
    const odd = await cli(['--emulate', 'dcd', 'set-region', '0', '--block-size', '3M']);
    assert.equal(odd.code, EXIT_USAGE);
    assert.match(odd.err, /power of two/);
  });

  it('initiate-add offers capacity; the host accepts it with add-response; both views then list it', async () => {
    const io = keep(mhdHead());
    const add = await cli(['--emulate', 'dcd', 'initiate-add', '--length', '64M', '--tag', DC_TAG], io);
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /^ {2}offered to host 0: 67108864 bytes of region 0$/m);
    // the first free 2 MiB-aligned range after host 0's 128 MiB at 0x40000000
    const ok = await cli(['--emulate', 'dcd', 'add-response', '--extents', '0x48000000:64M', '--json'], io);
    assert.equal(ok.code, 0, ok.err);
    assert.deepEqual(JSON.parse(ok.out), {
      updated_extent_list_size: 1,
      flags: 0,
      extents: [{ start_dpa: 0x48000000, len: 64 << 20 }],
    });
    const host = JSON.parse((await cli(['--emulate', 'dcd', 'extents', '--json'], io)).out);
    assert.equal(host.total_num_extents, 2);
    const fm = await cli(['--emulate', 'dcd', 'host-extents'], io);
    assert.match(fm.out, new RegExp(`^ {4}0x48000000 +64 MiB +${DC_TAG} +0$`, 'm'));
  });

  it('initiate-add --json echoes the request; a prescriptive add needs --extents', async () => {
    const j = await cli(
      [
        '--emulate',
        'dcd',
        'initiate-add',
        '--policy',
        'prescriptive',
        '--extents',
        '0x50000000:4M',
        '--json',
      ],
      keep(mhdHead()),
    );
    assert.equal(j.code, 0, j.err);
    const v = JSON.parse(j.out);
    assert.equal(v.selection_policy, 2); // prescriptive (CXL r3.2 Table 7-66)
    assert.deepEqual(v.extents, [
      { start_dpa: 0x50000000, len: 4 << 20, tag: '00000000-0000-0000-0000-000000000000', shared_seq: 0 },
    ]);
    const bad = await cli(['--emulate', 'dcd', 'initiate-add', '--policy', 'prescriptive'], keep(mhdHead()));
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.err, /--extents goes with --policy prescriptive/);
  });

  it('initiate-release needs --yes without a terminal; forced, it removes the extent at once', async () => {
    const io = keep(mhdHead());
    const no = await cli(
      ['--emulate', 'dcd', 'initiate-release', '--extents', '0x40000000:128M', '--forced'],
      io,
    );
    assert.equal(no.code, EXIT_USAGE);
    assert.match(no.err, /not confirmed: add --yes to remove at once 1 extent\(s\) of emulator:mhd0/);
    assert.match((await cli(['--emulate', 'dcd', 'host-extents'], io)).out, /0x40000000/);
    const yes = await cli(
      ['--emulate', 'dcd', 'initiate-release', '--extents', '0x40000000:128M', '--forced', '--yes', '--json'],
      io,
    );
    assert.equal(yes.code, 0, yes.err);
    assert.equal(JSON.parse(yes.out).flags, 0x11); // prescriptive (1) + forced removal (bit 4)
    const after = JSON.parse((await cli(['--emulate', 'dcd', 'host-extents', '--json'], io)).out);
    assert.equal(after.total_extents, 0);
  });

  it('tags lists a tag with its references; add-ref and remove-ref change the FM reference', async () => {
    const io = keep(mhdWithTagged());
    const t = JSON.parse((await cli(['--emulate', 'dcd', 'tags', '--json'], io)).out);
    assert.equal(t.total_num_tags, 1);
    assert.equal(t.tags_list[0].tag, DC_TAG, 'a tag is written as a UUID');
    assert.equal(t.tags_list[0].flags, 1); // the FM holds a reference
    assert.equal(t.tags_list[0].ref_bitmap.slice(0, 2), '01'); // host 0 holds an extent with it
    const rm = await cli(['--emulate', 'dcd', 'remove-ref', DC_TAG, '--json'], io);
    assert.equal(rm.code, 0, rm.err);
    assert.deepEqual(JSON.parse(rm.out), { tag: DC_TAG });
    const again = await cli(['--emulate', 'dcd', 'remove-ref', DC_TAG], io);
    assert.equal(again.code, EXIT_DEVICE);
    const add = await cli(['--emulate', 'dcd', 'add-ref', DC_TAG], io);
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, new RegExp(`^ {2}reference taken on ${DC_TAG}$`, 'm'));
    const text = await cli(['--emulate', 'dcd', 'tags'], io);
    assert.match(text.out, /^ {2}total_num_tags +1$/m);
    // the tag as a UUID, the reference bitmaps as the hosts holding a reference
    const row = text.out.split('\n').find((l) => l.includes(DC_TAG));
    assert.ok(row, text.out);
    assert.match(row, /hosts 0\b/);
    assert.match(row, / none\b/, 'no pending references');
  });

  it('a tag that is not a UUID is a usage error', async () => {
    const r = await cli(['--emulate=fabric', 'dcd', 'add-ref', 'not-a-tag']);
    assert.equal(r.code, EXIT_USAGE);
    assert.match(r.err, /a tag is a UUID/);
  });
});

describe('cxlmi dcd, host side (Add Dynamic Capacity Response 4802h, Release Dynamic Capacity 4803h)', () => {
  it('add-response --decline drops the offer; with no offer pending the device refuses', async () => {
    const io = keep(mhdWithOffer());
    const d = await cli(['--emulate', 'dcd', 'add-response', '--decline'], io);
    assert.equal(d.code, 0, d.err);
    assert.match(d.out, /^ {2}accepted: none \(the offer is declined\)$/m);
    const again = await cli(['--emulate', 'dcd', 'add-response', '--decline'], io);
    assert.equal(again.code, EXIT_DEVICE);
    const both = await cli(['--emulate', 'dcd', 'add-response'], io);
    assert.equal(both.code, EXIT_USAGE);
  });

  it('release needs --yes without a terminal; with it the host gives the extent back', async () => {
    const io = keep(mhdHead());
    const no = await cli(['--emulate', 'dcd', 'release', '--extents', '0x40000000:128M'], io);
    assert.equal(no.code, EXIT_USAGE);
    assert.match(
      no.err,
      /not confirmed: add --yes to release 1 extent\(s\) of emulator:mhd0 \(Type 3, serial 0x4d48440000000001\), losing their data/,
    );
    const yes = await cli(['--emulate', 'dcd', 'release', '--extents', '0x40000000:2M', '--yes'], io);
    assert.equal(yes.code, 0, yes.err);
    assert.match(yes.out, /^ {4}0x40000000 {2}2097152 bytes$/m);
    const host = JSON.parse((await cli(['--emulate', 'dcd', 'extents', '--json'], io)).out);
    assert.equal(host.extents[0].start_dpa, 0x40200000);
    const bad = await cli(['--emulate', 'dcd', 'release', '--extents', '0x40000000', '--yes'], io);
    assert.equal(bad.code, EXIT_USAGE);
    assert.match(bad.err, /must be START:LENGTH/);
  });
});
