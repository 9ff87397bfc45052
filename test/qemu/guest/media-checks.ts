/** Timestamp, scan media capabilities and the poison list, per kernel. */
import assert from 'node:assert/strict';
import {
  CXLMI_POISON_SOURCE_INJECTED,
  CXLMI_POISON_SOURCE_INTERNAL,
  type Endpoint,
  mediaErrorDpa,
  mediaErrorSource,
} from '../../../src/index.js';
import { type Check, series61, series612 } from './check.js';
import { EPERM, expectRefusal, RAW_DISABLED } from './expect-error.js';
import type { LabConfig } from './lab-config.js';

const NS_PER_DAY = 86_400n * 1_000_000_000n;

/** Poison records over the whole device, as [dpa, 64-byte lines, source] sorted by address. */
async function poison(ep: Endpoint, cfg: LabConfig): Promise<[bigint, number, number][]> {
  const rsp = await ep.getPoisonList({
    get_poison_list_phy_addr: 0n,
    get_poison_list_phy_addr_len: (cfg.persistentBytes + cfg.volatileBytes) / 64n,
  });
  assert.equal(rsp.more_err_media_record_cnt, rsp.records.length);
  assert.equal(rsp.poison_list_flags_bits.poison_list_overflow, false);
  return rsp.records
    .map((r): [bigint, number, number] => [
      mediaErrorDpa(r.media_err_addr),
      r.media_err_len,
      mediaErrorSource(r.media_err_addr),
    ])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The QMP-injected ranges as Get Poison List must report them (QEMU marks them "internal"). */
const injected = (cfg: LabConfig): [bigint, number, number][] =>
  cfg.poison
    .map((p): [bigint, number, number] => [BigInt(p.start), p.length / 64, CXLMI_POISON_SOURCE_INTERNAL])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

export const mediaChecks: Check[] = [
  {
    name: 'get timestamp (6.12 kernel id): nanoseconds since the epoch, near the guest clock',
    when: series612,
    async run({ ep }) {
      const { timestamp } = await ep.getTimestamp();
      const now = BigInt(Date.now()) * 1_000_000n;
      assert.ok(timestamp > now - NS_PER_DAY && timestamp < now + NS_PER_DAY, `timestamp ${timestamp}`);
      return { timestamp: timestamp.toString() };
    },
  },
  {
    name: 'get timestamp on 6.1 (no kernel id): refused as RAW with the raw-disabled message',
    when: series61,
    async run({ ep }) {
      return expectRefusal(ep.getTimestamp(), {
        errnoName: 'EPERM',
        errno: EPERM,
        opcode: 0x0300,
        unavailable: true,
        message: RAW_DISABLED,
      });
    },
  },
  {
    name: 'get scan media capabilities: decoded equals the 4 bytes of the answer',
    async run({ ep }) {
      // CXL r3.1 §8.2.9.9.4.4: input DPA (u64) and length in 64-byte lines (u64); output u32 ms.
      const req = new Uint8Array(16);
      new DataView(req.buffer).setBigUint64(8, 1n, true);
      const raw = (await ep.request(0x4303, req)).payload;
      assert.equal(raw.length, 4);
      const caps = await ep.getScanMediaCapabilities({
        get_scan_media_capabilities_start_physaddr: 0n,
        get_scan_media_capabilities_physaddr_length: 1n,
      });
      assert.equal(
        caps.estimated_scan_media_time,
        new DataView(raw.buffer, raw.byteOffset).getUint32(0, true),
      );
      return caps;
    },
  },
  {
    name: 'get poison list (6.1): the poison injected through QMP before boot',
    when: series61,
    async run({ ep, cfg }) {
      assert.ok(cfg.poison.length > 0, 'the host injected poison');
      const got = await poison(ep, cfg);
      assert.deepEqual(got, injected(cfg));
      return { records: got.map(([a, n, s]) => `0x${a.toString(16)}+${n}:${s}`) };
    },
  },
  {
    name: 'inject and clear poison through the kernel (6.1): the list follows',
    when: series61,
    async run({ ep, cfg }) {
      const dpa = 0x1000n;
      await ep.injectPoison({ inject_poison_phy_addr: dpa });
      const after = await poison(ep, cfg);
      assert.deepEqual(
        after,
        [...injected(cfg), [dpa, 1, CXLMI_POISON_SOURCE_INJECTED]].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      );
      await ep.clearPoison({ clear_poison_phy_addr: dpa, clear_poison_write_data: new Uint8Array(64) });
      assert.deepEqual(await poison(ep, cfg), injected(cfg));
    },
  },
  {
    name: 'get poison list on 6.12 (kernel dropped its id): refused as RAW with the raw-disabled message',
    when: series612,
    async run({ ep, cfg }) {
      return expectRefusal(poison(ep, cfg), {
        errnoName: 'EPERM',
        errno: EPERM,
        opcode: 0x4300,
        unavailable: true,
        message: RAW_DISABLED,
      });
    },
  },
];
