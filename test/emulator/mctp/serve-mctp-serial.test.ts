import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultFabric } from '../../../src/emulator/fabric/fabric.js';
import { serveMctpSerial } from '../../../src/emulator/mctp/serve.js';
import { Type3Device } from '../../../src/emulator/type3.js';
import { decodeMessage, encodeMessage } from '../../../src/protocol/header.js';
import { SerialRequester } from './serial-requester.js';

const cci = (tag: number, opcode: number, payload = new Uint8Array(0)) =>
  Uint8Array.from([0x08, ...encodeMessage({ category: 0, tag, opcode, payload })]);

describe('serveMctpSerial: emulated devices as MCTP-serial endpoints on a unix socket', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cxlmi-mctp-serial-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function setup(name: string) {
    const type3 = new Type3Device({ serialNumber: 0x1122334455667788n });
    const fabric = defaultFabric();
    const server = await serveMctpSerial({
      path: join(dir, name),
      devices: [
        { eid: 9, cci: type3, uuid: '00112233-4455-6677-8899-aabbccddeeff' },
        { eid: 10, fmapi: fabric.switch },
      ],
    });
    const link = await SerialRequester.open(server.path);
    return { server, link, type3 };
  }

  it('answers Identify to EID 9 (type 08h) as one reply from 9 to the requester, same tag, TO clear', async () => {
    const { server, link } = await setup('identify.sock');
    link.send({ dest: 9, src: 8, tag: 3, bytes: cci(0x2a, 0x0001) });
    const [r] = await link.waitFor(1);
    assert.deepEqual([r.src, r.dest, r.tag, r.to, r.bytes[0]], [9, 8, 3, false, 0x08]);
    const m = decodeMessage(r.bytes.subarray(1));
    assert.deepEqual([m.category, m.tag, m.opcode, m.retcode], [1, 0x2a, 0x0001, 0]);
    assert.deepEqual([...m.payload.subarray(8, 16)], [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]);
    link.close();
    await server.close();
  });

  it('reassembles a multi-packet request and packetises a multi-packet reply (Set LSA, Get LSA)', async () => {
    const { server, link, type3 } = await setup('lsa.sock');
    const data = Uint8Array.from({ length: 200 }, (_, i) => (i * 7 + 1) & 0xff);
    const set = new Uint8Array(8 + data.length);
    set.set(data, 8); // offset 0, reserved 0
    link.send({ dest: 9, src: 8, tag: 0, bytes: cci(1, 0x4103, set) });
    const get = Uint8Array.of(0, 0, 0, 0, 200, 0, 0, 0); // offset 0, length 200
    link.send({ dest: 9, src: 8, tag: 1, bytes: cci(2, 0x4102, get) });
    const [setRsp, getRsp] = await link.waitFor(2);
    assert.equal(decodeMessage(setRsp.bytes.subarray(1)).retcode, 0);
    const m = decodeMessage(getRsp.bytes.subarray(1));
    assert.equal(m.retcode, 0);
    assert.deepEqual(m.payload, data);
    assert.deepEqual(type3.memdev.lsa.read(0, 200), data);
    // 1 type byte + 12 header + 200 data = 213 bytes: four packets of at most 64.
    assert.equal(server.peer.stats.framesOut, 1 + 4);
    link.close();
    await server.close();
  });

  it('answers MCTP control for each EID, and FM-API (type 07h) only at the switch', async () => {
    const { server, link } = await setup('control.sock');
    link.send({ dest: 9, src: 8, tag: 0, bytes: Uint8Array.of(0, 0x81, 0x05) });
    link.send({ dest: 10, src: 8, tag: 1, bytes: Uint8Array.of(0, 0x82, 0x05) });
    link.send({ dest: 9, src: 8, tag: 2, bytes: Uint8Array.of(0, 0x83, 0x03) });
    // Identify Switch Device (5100h) over 07h to the switch; the same to the Type 3 EID stays unanswered.
    link.send({ dest: 9, src: 8, tag: 3, bytes: Uint8Array.from([0x07, ...cci(5, 0x5100).subarray(1)]) });
    link.send({ dest: 10, src: 8, tag: 4, bytes: Uint8Array.from([0x07, ...cci(6, 0x5100).subarray(1)]) });
    const rs = await link.waitFor(4);
    assert.deepEqual([...rs[0].bytes], [0, 1, 5, 0, 1, 0x08]);
    assert.deepEqual([...rs[1].bytes], [0, 2, 5, 0, 1, 0x07]);
    assert.deepEqual([...rs[2].bytes.subarray(4, 8)], [0x00, 0x11, 0x22, 0x33]);
    assert.deepEqual([rs[3].src, rs[3].tag, rs[3].bytes[0]], [10, 4, 0x07]);
    assert.equal(decodeMessage(rs[3].bytes.subarray(1)).retcode, 0);
    assert.equal(rs.length, 4);
    assert.equal(server.peer.stats.unsupportedType, 1);
    link.close();
    await server.close();
  });

  it('stays silent for an EID not behind the link and for responses', async () => {
    const { server, link } = await setup('silent.sock');
    link.send({ dest: 42, src: 8, tag: 0, bytes: cci(1, 0x0001) });
    link.send({ dest: 9, src: 8, tag: 0, to: false, bytes: cci(1, 0x0001) });
    link.send({ dest: 9, src: 8, tag: 1, bytes: cci(2, 0x0001) });
    const rs = await link.waitFor(2, 300);
    assert.deepEqual(
      rs.map((r) => r.tag),
      [1],
    );
    assert.equal(server.peer.stats.unknownEid, 1);
    link.close();
    await server.close();
  });

  it('injects faults: drop, stale tag, wrong EID, corrupted FCS, split frames and delay', async () => {
    const { server, link } = await setup('faults.sock');
    const faults = server.peer.faults;
    faults.add({ fault: { kind: 'drop' }, times: 1 });
    link.send({ dest: 9, src: 8, tag: 0, bytes: cci(1, 0x0001) });
    faults.add({ fault: { kind: 'stale-tag' }, times: 1 });
    link.send({ dest: 9, src: 8, tag: 1, bytes: cci(2, 0x0001) });
    faults.add({ fault: { kind: 'wrong-eid' }, times: 1 });
    link.send({ dest: 9, src: 8, tag: 2, bytes: cci(3, 0x0001) });
    faults.add({ fault: { kind: 'corrupt-fcs' }, times: 1 });
    link.send({ dest: 9, src: 8, tag: 3, bytes: cci(4, 0x0001) });
    faults.add({ fault: { kind: 'split', chunk: 3 }, times: 1 });
    link.send({ dest: 9, src: 8, tag: 4, bytes: cci(5, 0x0001) });
    const rs = await link.waitFor(3);
    assert.deepEqual(
      rs.map((r) => [r.src, r.tag]),
      [
        [9, 2], // stale tag: the requester's tag plus one
        [109, 2], // from EID 9 + 100
        [9, 4], // split across many writes, still one frame
      ],
    );
    assert.equal(link.decoder.errors.fcs, 1);
    faults.add({ fault: { kind: 'delay', ms: 150 }, times: 1, opcode: 0x0001 });
    const t0 = Date.now();
    link.send({ dest: 9, src: 8, tag: 5, bytes: cci(6, 0x0001) });
    await link.waitFor(4);
    assert.ok(Date.now() - t0 >= 140, 'the delayed reply came late');
    assert.equal(faults.size, 0);
    link.close();
    await server.close();
  });

  it('serves each connection as its own link, replaces a stale socket and refuses to replace a file', async () => {
    const path = join(dir, 'twice.sock');
    const first = await serveMctpSerial({ path, devices: [{ eid: 9, cci: new Type3Device() }] });
    const a = await SerialRequester.open(path);
    const b = await SerialRequester.open(path);
    a.send({ dest: 9, src: 8, tag: 1, bytes: cci(1, 0x0001) });
    b.send({ dest: 9, src: 8, tag: 2, bytes: cci(2, 0x0001) });
    assert.equal((await a.waitFor(1))[0].tag, 1);
    assert.equal((await b.waitFor(1))[0].tag, 2);
    a.close();
    b.close();
    await first.close();
    const file = join(dir, 'plain-file');
    await writeFile(file, 'x');
    await assert.rejects(
      serveMctpSerial({ path: file, devices: [{ eid: 9, cci: new Type3Device() }] }),
      /not a socket/,
    );
  });

  it('rejects endpoint lists it cannot serve', async () => {
    const path = join(dir, 'bad.sock');
    await assert.rejects(serveMctpSerial({ path, devices: [] }), /at least one/);
    await assert.rejects(serveMctpSerial({ path, devices: [{ eid: 0, cci: new Type3Device() }] }), /EID/);
    await assert.rejects(serveMctpSerial({ path, devices: [{ eid: 9 }] }), /cci or fmapi/);
    const t = new Type3Device();
    await assert.rejects(
      serveMctpSerial({
        path,
        devices: [
          { eid: 9, cci: t },
          { eid: 9, cci: t },
        ],
      }),
      /share/,
    );
  });
});
