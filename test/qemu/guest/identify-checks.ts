/** Identify Memory Device, Get Partition Info and Get FW Info against the QEMU command line. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CXL_CAPACITY_MULTIPLIER } from '../../../src/index.js';
import type { Check } from './check.js';

const sysfs = (attr: string): string => readFileSync(`/sys/bus/cxl/devices/mem0/${attr}`, 'utf8').trim();

export const identifyChecks: Check[] = [
  {
    name: 'memdev identify: capacities and LSA size equal the QEMU command line',
    async run({ ep, cfg }) {
      const id = await ep.memdevIdentify();
      assert.equal(id.volatile_capacity_bytes, cfg.volatileBytes);
      assert.equal(id.persistent_capacity_bytes, cfg.persistentBytes);
      assert.equal(id.total_capacity_bytes, cfg.volatileBytes + cfg.persistentBytes);
      assert.equal(id.total_capacity, (cfg.volatileBytes + cfg.persistentBytes) / CXL_CAPACITY_MULTIPLIER);
      assert.equal(id.lsa_size, cfg.lsaBytes);
      // The kernel read the same command at probe time and shows the revision in sysfs.
      assert.equal(id.fw_revision, sysfs('firmware_version'));
      // QEMU 10 answers the 69-byte (CXL 3.x) payload: the optional last field is there.
      assert.equal(typeof id.dc_event_log_size, 'number');
      return { fw_revision: id.fw_revision, total_capacity: id.total_capacity, lsa_size: id.lsa_size };
    },
  },
  {
    name: 'memdev identify: decoded fields equal the bytes at their offsets in the spec table',
    async run({ ep }) {
      // Identify Memory Device output payload, CXL r3.1 §8.2.9.9.1.1: 0x10 total, 0x18 volatile,
      // 0x20 persistent, 0x28 partition alignment (u64 each), 0x38 LSA size (u32), 0x3c poison list
      // maximum media error records (u24), 0x3f inject poison limit (u16), 0x41 poison caps (u8).
      const raw = (await ep.request(0x4000)).payload;
      assert.ok(raw.length >= 0x43, `answer of ${raw.length} bytes`);
      const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const id = await ep.memdevIdentify();
      assert.equal(id.total_capacity, v.getBigUint64(0x10, true));
      assert.equal(id.volatile_capacity, v.getBigUint64(0x18, true));
      assert.equal(id.persistent_capacity, v.getBigUint64(0x20, true));
      assert.equal(id.partition_align, v.getBigUint64(0x28, true));
      assert.equal(id.lsa_size, v.getUint32(0x38, true));
      assert.equal(id.poison_list_max_mer, v.getUint16(0x3c, true) | (v.getUint8(0x3e) << 16));
      assert.equal(id.inject_poison_limit, v.getUint16(0x3f, true));
      assert.equal(id.poison_caps, v.getUint8(0x41));
      const text = Buffer.from(raw.subarray(0, 0x10)).toString('latin1').replace(/\0.*$/s, '');
      assert.equal(id.fw_revision, text);
      return { bytes: raw.length };
    },
  },
  {
    name: 'get partition info: active capacities equal the QEMU command line, nothing pending',
    async run({ ep, cfg }) {
      const p = await ep.getPartitionInfo();
      assert.equal(p.active_vmem_bytes, cfg.volatileBytes);
      assert.equal(p.active_pmem_bytes, cfg.persistentBytes);
      assert.equal(p.next_vmem, 0n);
      assert.equal(p.next_pmem, 0n);
      // sysfs shows the same partition as the kernel read it.
      assert.equal(BigInt(sysfs('ram/size')), cfg.volatileBytes);
      assert.equal(BigInt(sysfs('pmem/size')), cfg.persistentBytes);
      return { active_vmem: p.active_vmem, active_pmem: p.active_pmem };
    },
  },
  {
    name: 'get fw info: slot count, active slot and its revision decode from the spec offsets',
    async run({ ep }) {
      // Get FW Info output payload, CXL r3.1 §8.2.9.3.1: 0x00 slots supported, 0x01 slot info
      // (bits 2:0 active slot, 5:3 staged slot), 0x02 activation caps, 0x10 + 16 * (n - 1) slot n revision.
      const raw = (await ep.request(0x0200)).payload;
      assert.equal(raw.length, 0x50);
      const fw = await ep.getFwInfo();
      assert.equal(fw.slots_supported, raw[0]);
      assert.equal(fw.slot_info, raw[1]);
      assert.equal(fw.slot_info_bits.active_slot, raw[1] & 7);
      assert.equal(fw.slot_info_bits.staged_slot, (raw[1] >> 3) & 7);
      assert.equal(fw.caps, raw[2]);
      assert.ok(fw.slots_supported >= 1 && fw.slots_supported <= 4, `slots ${fw.slots_supported}`);
      const active = fw.slot_info_bits.active_slot;
      assert.ok(active >= 1 && active <= fw.slots_supported, `active slot ${active}`);
      const revs = [fw.fw_rev1, fw.fw_rev2, fw.fw_rev3, fw.fw_rev4];
      revs.forEach((rev, i) => {
        const text = Buffer.from(raw.subarray(0x10 * (i + 1), 0x10 * (i + 2)))
          .toString('latin1')
          .replace(/\0.*$/s, '');
        assert.equal(rev, text, `fw_rev${i + 1}`);
      });
      assert.notEqual(revs[active - 1], '', 'the active slot has a revision');
      return { slots_supported: fw.slots_supported, active, revision: revs[active - 1] };
    },
  },
];
