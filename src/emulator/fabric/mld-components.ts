/** MLD Components commands (54h) on an MLD's FM-owned LD. */
import {
  getLdAllocations,
  getLdInfo,
  getQosAllocatedBw,
  getQosBwLimit,
  getQosControl,
  getQosStatus,
  setLdAllocations,
  setQosAllocatedBw,
  setQosBwLimit,
  setQosControl,
} from '../../commands/fmapi/mld-components.js';
import { CXLMI_RET_INPUT } from '../../protocol/retcodes.js';
import type { EmulatedDevice } from '../device.js';
import { DeviceReturn } from '../device-return.js';
import type { MldState } from './mld-state.js';

function bad(why: string): never {
  throw new DeviceReturn(CXLMI_RET_INPUT, why);
}

export function registerMldComponents(dev: EmulatedDevice, s: MldState): void {
  /** Checks that LDs [start, start + n) exist. */
  const range = (start: number, n: number) => {
    if (start >= s.ldCount || start + n > s.ldCount) bad(`LDs ${start}..${start + n - 1} of ${s.ldCount}`);
  };

  dev.handle(getLdInfo, () => ({
    memory_size: s.memorySize,
    ld_count: s.ldCount,
    qos_telemetry_capability: 0x03,
  }));

  dev.handle(getLdAllocations, (req) => {
    if (req.start_ld_id >= s.ldCount) bad(`no LD ${req.start_ld_id}`);
    const list = s.allocations
      .slice(req.start_ld_id, req.start_ld_id + req.ld_allocation_list_limit)
      .map((a) => ({ range_1_allocation_mult: a.range1, range_2_allocation_mult: a.range2 }));
    return {
      number_ld: s.ldCount,
      memory_granularity: s.granularity,
      start_ld_id: req.start_ld_id,
      ld_allocation_list_len: list.length,
      ld_allocation_list: list,
    };
  });

  dev.handle(setLdAllocations, (req) => {
    range(req.start_ld_id, req.number_ld);
    const next = req.ld_allocation_list.map((a) => ({
      range1: a.range_1_allocation_mult,
      range2: a.range_2_allocation_mult,
    }));
    if (s.allocatedWith(req.start_ld_id, next) > s.memorySize) bad('allocations exceed the device capacity');
    next.forEach((a, i) => {
      s.allocations[req.start_ld_id + i] = a;
    });
    return {
      number_ld: req.number_ld,
      start_ld_id: req.start_ld_id,
      ld_allocation_list: req.ld_allocation_list,
    };
  });

  dev.handle(getQosControl, () => ({ ...s.qos }));
  dev.handle(setQosControl, (req) => {
    if (req.egress_moderate_percentage > 100 || req.egress_severe_percentage > 100)
      bad('percentages are 0..100');
    if (req.egress_moderate_percentage > req.egress_severe_percentage)
      bad('moderate congestion above severe');
    if (req.backpressure_sample_interval > 31) bad('sample interval is 0..31');
    s.qos = {
      qos_telemetry_control: req.qos_telemetry_control & 0x03,
      egress_moderate_percentage: req.egress_moderate_percentage,
      egress_severe_percentage: req.egress_severe_percentage,
      backpressure_sample_interval: req.backpressure_sample_interval,
      recmpbasis: req.recmpbasis,
      completion_collection_interval: req.completion_collection_interval,
    };
    return { ...s.qos };
  });
  dev.handle(getQosStatus, () => ({ backpressure_avg_percentage: s.backpressureAvg }));

  const fractions = (table: Uint8Array) => ({
    get: (req: { number_ld: number; start_ld_id: number }) => {
      range(req.start_ld_id, req.number_ld);
      return table.slice(req.start_ld_id, req.start_ld_id + req.number_ld);
    },
    set: (req: { number_ld: number; start_ld_id: number }, values: Uint8Array) => {
      range(req.start_ld_id, values.length);
      table.set(values, req.start_ld_id);
      return table.slice(req.start_ld_id, req.start_ld_id + values.length);
    },
  });
  const bw = fractions(s.allocatedBw);
  const limit = fractions(s.bwLimit);

  dev.handle(getQosAllocatedBw, (req) => ({ ...req, qos_allocation_fraction: bw.get(req) }));
  dev.handle(setQosAllocatedBw, (req) => {
    const sum = [...req.qos_allocation_fraction].reduce((n, f) => n + f, 0);
    if (sum > 256) bad('allocated bandwidth fractions add up to more than 1');
    return { ...req, qos_allocation_fraction: bw.set(req, req.qos_allocation_fraction) };
  });
  dev.handle(getQosBwLimit, (req) => ({ ...req, qos_limit_fraction: limit.get(req) }));
  dev.handle(setQosBwLimit, (req) => ({
    ...req,
    qos_limit_fraction: limit.set(req, req.qos_limit_fraction),
  }));
}
