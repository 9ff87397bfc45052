/** Capacity Configuration and Label Storage command set (0x41), CXL r3.1 §8.2.9.9.2. */
import { bitfield, bytes, reserved, struct, u8, u32 } from '../../protocol/layout/index.js';
import { defineCommand } from '../define.js';
import { effectMask } from '../generic/effects.js';
import { capacity } from './units.js';

/**
 * Get Partition Info output payload, CXL r3.1 §8.2.9.9.2.1 (256 MiB units, plus `<field>_bytes`).
 * Next volatile and persistent capacity both 0 means no change is pending.
 */
export const getPartitionInfoRsp = struct('cxlmi_cmd_memdev_get_partition_info_rsp', {
  active_vmem: capacity,
  active_pmem: capacity,
  next_vmem: capacity,
  next_pmem: capacity,
});

export const getPartitionInfo = defineCommand({
  name: 'memdev_get_partition_info',
  method: 'getPartitionInfo',
  opcode: 0x4100,
  set: 'memdev',
  title: 'Get Partition Info',
  spec: '8.2.9.9.2.1',
  request: null,
  response: getPartitionInfoRsp,
});

/** Set Partition Info input payload, CXL r3.1 §8.2.9.9.2.2. Flags bit 0: Immediate. */
export const setPartitionInfoReq = struct('cxlmi_cmd_memdev_set_partition_info_req', {
  volatile_capacity: capacity,
  flags: bitfield(u8, { immediate: 0 }),
});

export const setPartitionInfo = defineCommand({
  name: 'memdev_set_partition_info',
  method: 'setPartitionInfo',
  opcode: 0x4101,
  set: 'memdev',
  title: 'Set Partition Info',
  spec: '8.2.9.9.2.2',
  request: setPartitionInfoReq,
  response: null,
});

/** Get LSA input payload, CXL r3.1 §8.2.9.9.2.3 (offset and length in bytes). */
export const getLsaReq = struct('cxlmi_cmd_memdev_get_lsa_req', { offset: u32, length: u32 });
/** Get LSA output payload, §8.2.9.9.2.3: the requested bytes. */
export const getLsaRsp = struct('cxlmi_cmd_memdev_get_lsa_rsp', { data: bytes('rest') });

export const getLsa = defineCommand({
  name: 'memdev_get_lsa',
  method: 'getLsa',
  opcode: 0x4102,
  set: 'memdev',
  title: 'Get LSA',
  spec: '8.2.9.9.2.3',
  request: getLsaReq,
  response: getLsaRsp,
});

/** Set LSA input payload, CXL r3.1 §8.2.9.9.2.4. */
export const setLsaReq = struct('cxlmi_cmd_memdev_set_lsa_req', {
  offset: u32,
  rsvd: reserved(4),
  data: bytes('rest'),
});

export const setLsa = defineCommand({
  name: 'memdev_set_lsa',
  method: 'setLsa',
  opcode: 0x4103,
  set: 'memdev',
  title: 'Set LSA',
  spec: '8.2.9.9.2.4',
  request: setLsaReq,
  response: null,
  // The label area is configuration and data at once (QEMU's CEL: 0x06).
  effects: effectMask(['immediate_config_change', 'immediate_data_change']),
});
