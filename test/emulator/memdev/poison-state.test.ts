import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceReturn } from '../../../src/emulator/device-return.js';
import { PoisonSource, PoisonState } from '../../../src/emulator/memdev/poison.js';
import {
  CXLMI_RET_BUSY,
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_POISONLMT,
} from '../../../src/protocol/retcodes.js';

const code = (c: number) => (e: unknown) => e instanceof DeviceReturn && e.code === c;
const CAP = 1n << 30n;

function make(max = 4, limit = 0) {
  let t = 100n;
  return new PoisonState(
    max,
    limit,
    () => CAP,
    () => t++,
  );
}

describe('emulated poison list', () => {
  it('lists injected lines with their source, clipped to the query', () => {
    const p = make();
    p.inject(0x1000n);
    p.inject(0x1040n);
    const page = p.getList(0x1040n, 4n, 10);
    assert.deepEqual(page.records, [{ addr: 0x1040n | BigInt(PoisonSource.INJECTED), lines: 1 }]);
    assert.equal(page.flags, 0);
  });

  it('checks alignment and range', () => {
    const p = make();
    assert.throws(() => p.inject(0x1001n), code(CXLMI_RET_INPUT));
    assert.throws(() => p.inject(CAP), code(CXLMI_RET_PADDR));
    assert.throws(() => p.getList(0n, CAP / 64n + 1n, 10), code(CXLMI_RET_PADDR));
  });

  it('enforces the inject limit', () => {
    const p = make(8, 2);
    p.inject(0n);
    p.inject(0x40n);
    p.inject(0x40n); // already poisoned: no new entry
    assert.throws(() => p.inject(0x80n), code(CXLMI_RET_POISONLMT));
    p.clear(0n);
    p.inject(0x80n);
  });

  it('overflows when full, and only a scan rebuilds the list', () => {
    const p = make(2);
    p.inject(0n);
    p.inject(0x40n);
    p.inject(0x80n); // does not fit
    let page = p.getList(0n, 16n, 10);
    assert.equal(page.records.length, 2);
    assert.equal(page.flags & 2, 2);
    assert.equal(page.overflowTimestamp, 100n);
    p.clear(0n);
    p.startScan(0n, 16n);
    assert.equal(p.getList(0n, 16n, 10).flags & 4, 4);
    assert.throws(() => p.takeScanResults(10), code(CXLMI_RET_BUSY));
    p.finishScan();
    page = p.getList(0n, 16n, 10);
    assert.deepEqual(
      page.records.map((r) => r.addr & ~0x3fn),
      [0x40n, 0x80n],
    );
    assert.equal(page.flags, 0);
    assert.equal(p.takeScanResults(10).records.length, 2);
  });

  it('pages a long list with the More flag', () => {
    const p = make(10);
    for (let i = 0n; i < 5n; i++) p.inject(i * 0x40n);
    const a = p.getList(0n, 64n, 2);
    assert.equal(a.flags & 1, 1);
    const b = p.getList(0n, 64n, 2);
    const c = p.getList(0n, 64n, 2);
    assert.equal(c.flags & 1, 0);
    assert.deepEqual(
      [...a.records, ...b.records, ...c.records].map((r) => r.addr & ~0x3fn),
      [0n, 0x40n, 0x80n, 0xc0n, 0x100n],
    );
  });

  it('reports a latent error once poison is injected on it', () => {
    const p = make();
    p.addError({ dpa: 0x400n, length: 64n, source: PoisonSource.INTERNAL }, false);
    assert.equal(p.getList(0n, 64n, 10).records.length, 0);
    p.inject(0x400n);
    assert.deepEqual(p.getList(0n, 64n, 10).records, [{ addr: 0x400n | 3n, lines: 1 }]);
  });

  it('splits an entry when one line in its middle is cleared', () => {
    const p = make();
    p.addError({ dpa: 0x1000n, length: 0x100n, source: PoisonSource.INTERNAL });
    p.clear(0x1040n);
    assert.deepEqual(p.getList(0x1000n, 4n, 10).records, [
      { addr: 0x1000n | 2n, lines: 1 },
      { addr: 0x1080n | 2n, lines: 2 },
    ]);
  });
});
