import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLsa } from '../../src/commands/memdev/capacity-config.js';
import { emulatorTransport } from '../../src/emulator/link.js';
import { Type3Device } from '../../src/emulator/type3.js';
import { Endpoint } from '../../src/endpoint/endpoint.js';
import { readLsa, writeLsa } from '../../src/endpoint/lsa.js';
import { CxlmiDecodeError, CxlmiUsageError } from '../../src/errors.js';

function setup(lsaSize: number, maxPayload: number) {
  const device = new Type3Device({ lsaSize });
  const ep = new Endpoint(emulatorTransport(device, { maxPayload }));
  return { device, ep };
}

describe('chunked LSA transfers', () => {
  it('writes and reads back more than one payload, in payload-sized pieces', async () => {
    const { device, ep } = setup(8192, 256);
    const data = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff);
    const writes: [number, number][] = [];
    await writeLsa(ep, 100, data, { onProgress: (done, total) => writes.push([done, total]) });
    // Set LSA carries 8 bytes of header, so 248 data bytes per command.
    assert.equal(writes.length, Math.ceil(3000 / 248));
    assert.deepEqual(writes[writes.length - 1], [3000, 3000]);
    assert.deepEqual(device.memdev.lsa.data.subarray(100, 3100), data);

    const reads: number[] = [];
    const back = await readLsa(ep, 100, 3000, { onProgress: (done) => reads.push(done) });
    assert.deepEqual(back, data);
    assert.equal(reads.length, Math.ceil(3000 / 256));
    assert.ok(reads.every((d, i) => i === 0 || d > reads[i - 1]));
  });

  it("keeps each read within the device's response message limit and each write within its message size", async () => {
    // The transport could carry 1 MiB, but the device answers at most 2^12 bytes (Get Response
    // Message Limit) and takes messages of at most 2^12 bytes (Identify Max Supported Message Size).
    const { device, ep } = setup(1 << 20, 1 << 20);
    const data = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 13) & 0xff);
    let writes = 0;
    await writeLsa(ep, 0, data, { onProgress: () => writes++ });
    assert.equal(writes, Math.ceil((1 << 20) / (4096 - 8)));
    let reads = 0;
    const back = await readLsa(ep, 0, 1 << 20, { onProgress: () => reads++ });
    assert.equal(reads, (1 << 20) / 4096);
    assert.deepEqual(back, device.memdev.lsa.data);
  });

  it('is also an Endpoint method', async () => {
    const { ep } = setup(512, 64);
    await ep.writeLsa(10, Uint8Array.of(1, 2, 3));
    assert.deepEqual(await ep.readLsa(9, 5), Uint8Array.of(0, 1, 2, 3, 0));
  });

  it('honours a smaller chunk size and reads nothing for length 0', async () => {
    const { ep } = setup(1024, 4096);
    let calls = 0;
    await readLsa(ep, 0, 100, { chunkSize: 10, onProgress: () => calls++ });
    assert.equal(calls, 10);
    assert.equal((await readLsa(ep, 0, 0)).length, 0);
  });

  it('rejects bad ranges before sending anything, and surfaces device errors', async () => {
    const { ep } = setup(1024, 4096);
    await assert.rejects(readLsa(ep, -1, 4), CxlmiUsageError);
    await assert.rejects(readLsa(ep, 0, 4, { chunkSize: 0 }), CxlmiUsageError);
    await assert.rejects(readLsa(ep, 1000, 100), /Invalid Input/);
  });
});

describe('chunked LSA reads from a device that answers short', () => {
  it('throws a decode error naming the offset', async () => {
    const device = new Type3Device({ lsaSize: 1024 });
    // A device that returns one byte less than asked.
    device.handle(getLsa, (req) => ({ data: new Uint8Array(Math.max(0, req.length - 1)) }));
    const ep = new Endpoint(emulatorTransport(device));
    await assert.rejects(
      readLsa(ep, 16, 8),
      (e: unknown) => e instanceof CxlmiDecodeError && e.offset === 16,
    );
  });

  it('what a read returns is the caller’s own: mutating it changes neither the LSA nor another result', async () => {
    for (const [lsaSize, maxPayload] of [
      [4096, 1 << 20], // one piece: the reply's bytes are returned as they arrived
      [4096, 256], // several pieces, assembled
    ]) {
      const { device, ep } = setup(lsaSize, maxPayload);
      const data = Uint8Array.from({ length: 4096 }, (_, i) => (i * 3) & 0xff);
      device.memdev.lsa.write(0, data);
      const a = await readLsa(ep, 0, 4096);
      const b = await readLsa(ep, 0, 4096);
      assert.deepEqual(a, data);
      a.fill(0xff);
      assert.deepEqual(b, data, `${maxPayload}: a result held at the same time is not touched`);
      assert.deepEqual(device.memdev.lsa.data, data, `${maxPayload}: the device's LSA is not touched`);
      assert.deepEqual(await readLsa(ep, 0, 4096), data);
      device.memdev.lsa.write(0, new Uint8Array(4096).fill(7));
      assert.ok((await readLsa(ep, 0, 4096)).every((x) => x === 7));
      assert.deepEqual(b, data, `${maxPayload}: a later read does not overwrite an earlier result`);
      assert.ok(a.every((x) => x === 0xff));
      assert.deepEqual(await readLsa(ep, 0, 0), new Uint8Array(0));
    }
  });
});
