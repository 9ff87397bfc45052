/** DCD Management commands (56h) on a DCD's FM-facing CCI, with QEMU's checks and return codes. */
import {
  CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE,
  CXL_EXTENT_REMOVAL_POLICY_TAG_BASED,
  CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS,
  CXL_EXTENT_SELECTION_POLICY_FREE,
  CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE,
  dcAddReference,
  dcListTags,
  dcRemoveReference,
  getDcdInfo,
  getDcRegConfig,
  getDcRegionExtList,
  initiateDcAdd,
  initiateDcRelease,
  setDcRegionConfig,
} from '../../commands/fmapi/dcd-management.js';
import { CXL_MAILBOX_MAX_PAYLOAD_SIZE } from '../../protocol/constants.js';
import { uuidBytes } from '../../protocol/layout/index.js';
import {
  CXLMI_RET_EXTLIST,
  CXLMI_RET_INPUT,
  CXLMI_RET_PADDR,
  CXLMI_RET_RESOURCEEXHAUSTED,
  CXLMI_RET_UNSUPPORTED,
} from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';
import type { DynamicCapacityState, Extent, ExtentRange } from '../memdev/dynamic-capacity.js';
import { type DcdState, NO_TAG, overlaps, tagText } from './dcd-state.js';

const MIB256 = 256n * 1024n * 1024n;
const EXTENT_SIZE = 40;
const FORCED_REMOVAL = 1 << 4;

function fail(code: number, why: string): never {
  throw new DeviceReturn(code, why);
}

type WireExtent = { start_dpa: bigint; len: bigint; tag: Uint8Array; shared_seq: number };
const fromWire = (e: WireExtent) => ({
  start_dpa: e.start_dpa,
  len: e.len,
  tag: e.tag.slice(),
  shared_seq: e.shared_seq,
});
const toWire = (e: Extent): WireExtent => ({
  start_dpa: e.start_dpa,
  len: e.len,
  tag: e.tag,
  shared_seq: e.shared_seq,
});

/** True when every byte of `r` lies in some extent of `list`. */
function covered(list: readonly ExtentRange[], r: ExtentRange): boolean {
  let pos = r.start_dpa;
  const end = r.start_dpa + r.len;
  const sorted = [...list].sort((a, b) =>
    a.start_dpa < b.start_dpa ? -1 : a.start_dpa > b.start_dpa ? 1 : 0,
  );
  for (const e of sorted) {
    if (e.start_dpa > pos) break;
    const end2 = e.start_dpa + e.len;
    if (end2 > pos) pos = end2;
    if (pos >= end) return true;
  }
  return pos >= end;
}

export function registerDcdManagement(dev: EmulatedDevice, s: DcdState): void {
  const host = (id: number): DynamicCapacityState => s.host(id) ?? fail(CXLMI_RET_INPUT, `no host ${id}`);

  /** Region containment, block alignment and no overlap — within the list and with any host's extents. */
  const checkNew = (list: ExtentRange[]) => {
    const used = s.allExtents();
    list.forEach((e, i) => {
      const r = s.regions[s.regionIndex(e)];
      if (!r || e.len === 0n) fail(CXLMI_RET_PADDR, `extent ${i} is outside every DC region`);
      if ((e.start_dpa - r.base) % r.blockSize !== 0n || e.len % r.blockSize !== 0n) {
        fail(CXLMI_RET_EXTLIST, `extent ${i} is not aligned to the region's block size`);
      }
      if (list.some((o, j) => j !== i && overlaps(o, e)))
        fail(CXLMI_RET_EXTLIST, `extent ${i} overlaps another`);
      if (used.some((o) => overlaps(o, e))) fail(CXLMI_RET_EXTLIST, `extent ${i} is already in use`);
    });
  };

  /** First free, block-aligned range of `len` bytes in region `n`. */
  const allocate = (n: number, len: bigint, tag: Uint8Array) => {
    const r = s.regions[n] ?? fail(CXLMI_RET_INPUT, `no DC region ${n}`);
    if (len === 0n || len % r.blockSize !== 0n)
      fail(CXLMI_RET_INPUT, 'length is not a multiple of the block size');
    const used = s.allExtents().filter((e) => overlaps(e, { start_dpa: r.base, len: r.length }));
    for (let at = r.base; at + len <= r.base + r.length; at += r.blockSize) {
      const c = { start_dpa: at, len, tag: tag.slice(), shared_seq: 0 };
      const hit = used.find((u) => overlaps(u, c));
      if (!hit) return c;
      at = hit.start_dpa + hit.len - r.blockSize;
    }
    return fail(CXLMI_RET_RESOURCEEXHAUSTED, `region ${n} has no ${len}-byte free range`);
  };

  dev.handle(getDcdInfo, () => {
    const masks = Array.from({ length: 8 }, (_, i) => s.supportedBlockMasks[i] ?? 0n);
    return {
      num_hosts: s.hostCount,
      num_supported_dc_regions: s.regions.length,
      capacity_selection_policies:
        (1 << CXL_EXTENT_SELECTION_POLICY_FREE) |
        (1 << CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS) |
        (1 << CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE),
      capacity_removal_policies:
        (1 << CXL_EXTENT_REMOVAL_POLICY_TAG_BASED) | (1 << CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE),
      sanitize_on_release_config_mask: 0,
      total_dynamic_capacity: s.totalCapacity / MIB256,
      region_0_supported_blk_sz_mask: masks[0],
      region_1_supported_blk_sz_mask: masks[1],
      region_2_supported_blk_sz_mask: masks[2],
      region_3_supported_blk_sz_mask: masks[3],
      region_4_supported_blk_sz_mask: masks[4],
      region_5_supported_blk_sz_mask: masks[5],
      region_6_supported_blk_sz_mask: masks[6],
      region_7_supported_blk_sz_mask: masks[7],
    };
  });

  dev.handle(getDcRegConfig, (req) => {
    const h = host(req.host_id);
    if (req.start_region_id >= s.regions.length) fail(CXLMI_RET_INPUT, `no DC region ${req.start_region_id}`);
    const regions = h.regions.slice(req.start_region_id, req.start_region_id + req.region_cnt);
    return {
      host_id: req.host_id,
      num_regions: h.regions.length,
      regions_returned: regions.length,
      region_configs: regions.map((r) => ({
        base: r.base,
        decode_len: r.decodeLength / MIB256,
        region_len: r.length,
        block_size: r.blockSize,
        flags: r.sanitizeOnRelease ? 1 : 0,
        sanitize_on_release: r.sanitizeOnRelease ? 1 : 0,
      })),
      num_extents_supported: h.extentsSupported,
      num_extents_available: h.extentsAvailable,
      num_tags_supported: s.tagsSupported,
      num_tags_available: Math.max(0, s.tagsSupported - s.tags().length),
    };
  });

  dev.handle(setDcRegionConfig, (req) => {
    const r = s.regions[req.region_id] ?? fail(CXLMI_RET_INPUT, `no DC region ${req.region_id}`);
    if ((req.sanitize_on_release & 1) !== (r.sanitizeOnRelease ? 1 : 0)) {
      fail(CXLMI_RET_UNSUPPORTED, 'sanitize on release cannot be changed');
    }
    if (s.allExtents().some((e) => overlaps(e, { start_dpa: r.base, len: r.length }))) {
      fail(CXLMI_RET_UNSUPPORTED, 'the region holds extents');
    }
    const b = req.block_sz;
    if (b === 0n || (b & (b - 1n)) !== 0n || (b & (s.supportedBlockMasks[req.region_id] ?? 0n)) === 0n) {
      fail(CXLMI_RET_INPUT, `block size ${b} is not supported`);
    }
    s.setBlockSize(req.region_id, b);
  });

  dev.handle(getDcRegionExtList, (req) => {
    const h = host(req.host_id);
    if (req.start_ext_index > h.accepted.length) fail(CXLMI_RET_INPUT, `start index ${req.start_ext_index}`);
    const room = Math.floor((CXL_MAILBOX_MAX_PAYLOAD_SIZE - 24) / EXTENT_SIZE);
    const list = h.accepted.slice(
      req.start_ext_index,
      req.start_ext_index + Math.min(req.extent_count, room),
    );
    return {
      host_id: req.host_id,
      start_ext_index: req.start_ext_index,
      extents_returned: list.length,
      total_extents: h.accepted.length,
      list_generation_num: h.generation,
      extents: list.map(toWire),
    };
  });

  dev.handle(initiateDcAdd, (req) => {
    const h = host(req.host_id);
    let group: ReturnType<typeof fromWire>[];
    switch (req.selection_policy) {
      case CXL_EXTENT_SELECTION_POLICY_PRESCRIPTIVE:
        group = req.extents.map(fromWire);
        if (group.length === 0) fail(CXLMI_RET_INPUT, 'no extents given');
        checkNew(group);
        break;
      case CXL_EXTENT_SELECTION_POLICY_FREE:
      case CXL_EXTENT_SELECTION_POLICY_CONTIGUOUS:
        group = [allocate(req.region_num, req.length, req.tag)];
        break;
      default:
        return fail(CXLMI_RET_INPUT, `selection policy ${req.selection_policy} is not supported`);
    }
    if (group.length > h.extentsAvailable)
      fail(CXLMI_RET_RESOURCEEXHAUSTED, 'too many extents for this host');
    // The host sees the offer as Add Capacity events and answers with Add Dynamic Capacity Response.
    h.offer(group);
    s.tagGeneration++;
  });

  dev.handle(initiateDcRelease, (req) => {
    const h = host(req.host_id);
    const policy = req.flags & 0x0f;
    let ranges: ExtentRange[];
    if (policy === CXL_EXTENT_REMOVAL_POLICY_TAG_BASED) {
      const tag = tagText(req.tag);
      ranges = h.accepted.filter((e) => tag !== NO_TAG && tagText(e.tag) === tag);
      if (ranges.length === 0) fail(CXLMI_RET_INPUT, `host ${req.host_id} holds no extent tagged ${tag}`);
    } else if (policy === CXL_EXTENT_REMOVAL_POLICY_PRESCRIPTIVE) {
      ranges = req.extents.map((e) => ({ start_dpa: e.start_dpa, len: e.len }));
      if (ranges.length === 0) fail(CXLMI_RET_INPUT, 'no extents given');
      for (const [i, r] of ranges.entries()) {
        if (s.regionIndex(r) < 0) fail(CXLMI_RET_PADDR, `extent ${i} is outside every DC region`);
        if (!covered(h.accepted, r)) fail(CXLMI_RET_PADDR, `extent ${i} is not held by host ${req.host_id}`);
      }
    } else {
      return fail(CXLMI_RET_INPUT, `removal policy ${policy} is not supported`);
    }
    const forced = (req.flags & FORCED_REMOVAL) !== 0;
    const pending = h.pending.flat();
    if (!forced && ranges.some((r) => pending.some((p) => overlaps(p, r)))) {
      fail(CXLMI_RET_PADDR, 'capacity is still being added');
    }
    // Forced: the capacity is gone at once. Otherwise the host is asked (Release Capacity events) and
    // gives it back with Release Dynamic Capacity.
    if (forced) h.release(ranges);
    else h.requestRelease(ranges);
  });

  dev.handle(dcAddReference, (req) => {
    const tag = tagText(req.tag);
    if (tag === NO_TAG || !s.tags().includes(tag)) fail(CXLMI_RET_INPUT, `unknown tag ${tag}`);
    s.fmRefs.set(tag, (s.fmRefs.get(tag) ?? 0) + 1);
    s.tagGeneration++;
  });
  dev.handle(dcRemoveReference, (req) => {
    const tag = tagText(req.tag);
    const n = s.fmRefs.get(tag);
    if (!n) fail(CXLMI_RET_INPUT, `no reference held on ${tag}`);
    if (n === 1) s.fmRefs.delete(tag);
    else s.fmRefs.set(tag, n - 1);
    s.tagGeneration++;
  });

  dev.handle(dcListTags, (req) => {
    const tags = s.tags();
    if (req.start_idx > tags.length) fail(CXLMI_RET_INPUT, `start index ${req.start_idx}`);
    const room = Math.floor((CXL_MAILBOX_MAX_PAYLOAD_SIZE - 16) / 84);
    const list = tags.slice(req.start_idx, req.start_idx + Math.min(req.tags_count, room)).map((tag) => {
      const ref = new Uint8Array(32);
      const pend = new Uint8Array(32);
      s.heads.forEach((head, i) => {
        const dc = head.memdev.dc;
        if (dc.accepted.some((e) => tagText(e.tag) === tag)) ref[i >> 3] |= 1 << (i & 7);
        if (dc.pending.flat().some((e) => tagText(e.tag) === tag)) pend[i >> 3] |= 1 << (i & 7);
      });
      return {
        tag: uuidBytes(tag),
        flags: s.fmRefs.has(tag) ? 1 : 0,
        ref_bitmap: ref,
        pending_ref_bitmap: pend,
      };
    });
    return {
      generation_num: s.tagGeneration,
      total_num_tags: tags.length,
      num_tags_returned: list.length,
      validity_bitmap: 0x03,
      tags_list: list,
    };
  });
}
