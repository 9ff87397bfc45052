import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveMemdevConfig } from '../../../src/emulator/memdev/config.js';
import { CxlmiUsageError } from '../../../src/errors.js';
import { GiB, MiB } from './setup.js';

describe('memdev emulator configuration', () => {
  it('places DC regions after the static capacity on 256 MiB boundaries', () => {
    const c = resolveMemdevConfig({
      volatileBytes: 1n * GiB,
      persistentBytes: 0n,
      dcRegions: [{ length: 100n * MiB }, { length: 64n * MiB, blockSize: 64n * 1024n }],
    });
    assert.equal(c.dcRegions[0].base, 1n * GiB);
    assert.equal(c.dcRegions[0].decodeLength, 256n * MiB);
    assert.equal(c.dcRegions[1].base, 1n * GiB + 256n * MiB);
    assert.equal(c.dcRegions[1].blockSize, 64n * 1024n);
  });

  it('rejects what a device could not be', () => {
    const bad = [
      { volatileBytes: 100n },
      { volatileBytes: 0n, volatileOnlyBytes: 256n * MiB },
      { lsaSize: -1 },
      { poisonListMax: 0 },
      { fwRevision: 'seventeen chars!!' },
      { dcRegions: [{ length: 3n * MiB, blockSize: 2n * MiB }] },
      { dcRegions: [{ length: 2n * MiB, blockSize: 3n * MiB }] },
      { dcRegions: Array.from({ length: 9 }, () => ({ length: 2n * MiB })) },
    ];
    for (const b of bad)
      assert.throws(
        () => resolveMemdevConfig(b),
        CxlmiUsageError,
        JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}` : v)),
      );
  });
});
