/** Label Storage Area: chunked reads against the pattern the lab wrote, and Set LSA. */
import assert from 'node:assert/strict';
import { cxlmi_cmd_memdev_get_lsa } from '../../../src/compat/index.js';
import { CXLMI_RET_INPUT, CxlmiCommandError } from '../../../src/index.js';
import { type Check, pmemBound } from './check.js';
import { EBUSY, expectRefusal } from './expect-error.js';

/** Where the LSA write check writes (the host compares its backing file there too). */
export const LSA_WRITE_OFFSET = 8192;
export const LSA_WRITE_LENGTH = 5000;
/** The bytes the write check writes: not the pattern, and different for every byte of a page. */
export function lsaWriteData(): Uint8Array {
  const d = new Uint8Array(LSA_WRITE_LENGTH);
  for (let i = 0; i < d.length; i++) d[i] = (i * 7 + 3) & 0xff;
  return d;
}

export const lsaChecks: Check[] = [
  {
    name: 'readLsa: chunked reads at several sizes and offsets equal the LSA pattern',
    async run({ ep, cfg, lsaPattern }) {
      const end = cfg.lsaBytes;
      const cases: [offset: number, length: number, chunkSize?: number][] = [
        [0, 64],
        [4096, 128],
        [4000, 5000], // default pieces (the mailbox payload, 2048 bytes): 3 of them
        [1, 3000, 1000],
        [777, 4097, 256],
        [end - 3000, 3000, 2048], // ends exactly at the end of the LSA
        [end - 16, 16],
        [12345, 1, 1],
      ];
      const report: string[] = [];
      for (const [offset, length, chunkSize] of cases) {
        let pieces = 0;
        const data = await ep.readLsa(offset, length, { chunkSize, onProgress: () => pieces++ });
        assert.deepEqual(data, lsaPattern(offset, length), `readLsa(${offset}, ${length}, ${chunkSize})`);
        assert.equal(
          pieces,
          Math.ceil(length / (chunkSize ?? 2048)),
          `pieces of readLsa(${offset}, ${length})`,
        );
        report.push(`${offset}+${length}/${chunkSize ?? 'default'}:${pieces}`);
      }
      return { reads: report };
    },
  },
  {
    name: 'readLsa: the whole LSA in one call; compat cxlmi_cmd_memdev_get_lsa fills a buffer',
    async run({ ep, cfg, lsaPattern }) {
      const all = await ep.readLsa(0, cfg.lsaBytes);
      assert.equal(all.length, cfg.lsaBytes);
      assert.deepEqual(all, lsaPattern(0, cfg.lsaBytes));
      const buf = new Uint8Array(100);
      await cxlmi_cmd_memdev_get_lsa(ep, null, { offset: 300, length: 100 }, buf);
      assert.deepEqual(buf, lsaPattern(300, 100));
    },
  },
  {
    name: 'get LSA past the end: the device answers Invalid Input, a CxlmiCommandError',
    async run({ ep, cfg }) {
      const e = await ep.getLsa({ offset: cfg.lsaBytes - 64, length: 128 }).then(
        () => assert.fail('a read past the end succeeded'),
        (err: unknown) => err,
      );
      assert.ok(e instanceof CxlmiCommandError, String(e));
      assert.equal(e.retcode, CXLMI_RET_INPUT);
      assert.equal(e.opcode, 0x4102);
      return { message: e.message };
    },
  },
  {
    name: 'set LSA while cxl_pmem is bound: EBUSY as a CxlmiTransportError, the LSA unchanged',
    when: pmemBound,
    async run({ ep, lsaPattern }) {
      const r = await expectRefusal(ep.setLsa({ offset: 0, data: new Uint8Array(4) }), {
        errnoName: 'EBUSY',
        errno: EBUSY,
        opcode: 0x4103,
        unavailable: false,
        message: /keeps this command/,
      });
      await expectRefusal(ep.writeLsa(64, new Uint8Array(10)), {
        errnoName: 'EBUSY',
        errno: EBUSY,
        opcode: 0x4103,
        unavailable: false,
      });
      assert.deepEqual(await ep.readLsa(0, 128), lsaPattern(0, 128));
      return r;
    },
  },
  {
    name: 'writeLsa without cxl_pmem: chunked write reaches the device and reads back',
    when: (cfg) => !cfg.pmemBound,
    async run({ ep, lsaPattern }) {
      const data = lsaWriteData();
      let pieces = 0;
      await ep.writeLsa(LSA_WRITE_OFFSET, data, { onProgress: () => pieces++ });
      // The kernel's payload (2048) less Set LSA's 8-byte header per piece.
      assert.equal(pieces, Math.ceil(LSA_WRITE_LENGTH / 2040));
      assert.deepEqual(await ep.readLsa(LSA_WRITE_OFFSET, LSA_WRITE_LENGTH), data);
      // Neighbours untouched.
      assert.deepEqual(await ep.readLsa(LSA_WRITE_OFFSET - 16, 16), lsaPattern(LSA_WRITE_OFFSET - 16, 16));
      const after = LSA_WRITE_OFFSET + LSA_WRITE_LENGTH;
      assert.deepEqual(await ep.readLsa(after, 16), lsaPattern(after, 16));
      return { pieces };
    },
  },
];
