/** Emulator side of Dynamic Capacity (48h); registered only when the device has DC regions. */
import {
  addDcResponse,
  getDcConfig,
  getDcExtentList,
  releaseDc,
} from '../../../commands/memdev/dynamic-capacity.js';
import { CXLMI_RET_INPUT } from '../../../protocol/retcodes.js';
import type { EmulatedDevice } from '../../device.js';
import { DeviceReturn } from '../../device-return.js';
import { CAPACITY_UNIT } from '../config.js';
import type { MemdevState } from '../memdev-state.js';

/** Fixed parts of the outputs and one entry of each list. */
const CONFIG_HEADER = 8;
const CONFIG_TRAILER = 16;
const REGION = 40;
const EXTENT_LIST_HEADER = 16;
const EXTENT = 40;

export function registerDynamicCapacity(
  device: EmulatedDevice,
  s: MemdevState,
  payloadLimit: () => number,
): void {
  const dc = s.dc;
  const maxRegions = () =>
    Math.max(0, Math.floor((payloadLimit() - CONFIG_HEADER - CONFIG_TRAILER) / REGION));
  const maxExtents = () => Math.max(0, Math.floor((payloadLimit() - EXTENT_LIST_HEADER) / EXTENT));

  device.handle(getDcConfig, (req) => {
    const regions = dc.regions;
    if (req.start_region_id >= regions.length) throw new DeviceReturn(CXLMI_RET_INPUT);
    const picked = regions.slice(
      req.start_region_id,
      req.start_region_id + Math.min(req.region_cnt, maxRegions()),
    );
    return {
      num_regions: regions.length,
      regions_returned: picked.length,
      region_configs: picked.map((r) => ({
        base: r.base,
        decode_len: r.decodeLength / CAPACITY_UNIT,
        region_len: r.length,
        block_size: r.blockSize,
        dsmadhandle: r.dsmadHandle,
        flags: r.sanitizeOnRelease ? 1 : 0,
      })),
      num_extents_supported: dc.extentsSupported,
      num_extents_available: dc.extentsAvailable,
      num_tags_supported: 0,
      num_tags_available: 0,
    };
  });

  device.handle(getDcExtentList, (req) => {
    const all = dc.accepted;
    if (req.start_extent_idx > all.length) throw new DeviceReturn(CXLMI_RET_INPUT);
    const extents = all.slice(
      req.start_extent_idx,
      req.start_extent_idx + Math.min(req.extent_cnt, maxExtents()),
    );
    return {
      num_extents_returned: extents.length,
      total_num_extents: all.length,
      generation_num: dc.generation,
      extents: extents.map((e) => ({
        start_dpa: e.start_dpa,
        len: e.len,
        tag: e.tag,
        shared_seq: e.shared_seq,
      })),
    };
  });

  device.handle(addDcResponse, (req) => dc.respond(req.extents, req.flags_bits.more));
  device.handle(releaseDc, (req) => dc.release(req.extents));
}
