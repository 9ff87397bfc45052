/**
 * Port of the reference's get_partition_info example: query the active and pending volatile /
 * persistent split of a memory device and print it in human-readable units.
 *   npm run example -- get_partition_info --emulate
 *   npm run example -- get_partition_info mem0
 */

import type { Context, Endpoint } from 'cxlmi';
import * as cxlmi from 'cxlmi/compat';
import { openTarget } from './_target.js';

const MiB = 1n << 20n;
const CXL_CAPACITY_MULTIPLIER = 256n * MiB;

function format_capacity(bytes_val: bigint): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let unit_idx = 0;
  let value = Number(bytes_val);
  while (value >= 1024 && unit_idx < units.length - 1) {
    value /= 1024;
    unit_idx += 1;
  }
  return `${value.toFixed(2)} ${units[unit_idx]}`;
}

async function send_get_partition_info(ep: Endpoint): Promise<void> {
  const part_info = cxlmi.cxlmi_cmd_memdev_get_partition_info_rsp();
  await cxlmi.cxlmi_cmd_memdev_get_partition_info(ep, null, part_info);

  const show = (label: string, units: bigint) => {
    const bytes = units * CXL_CAPACITY_MULTIPLIER;
    console.log(`  ${label.padEnd(20)}${format_capacity(bytes)}`);
    console.log(`  ${''.padEnd(20)}(${bytes} bytes)`);
  };
  console.log('CXL Memory Device Partition Information:');
  console.log('');
  console.log('Active Partition:');
  show('Volatile Memory:', part_info.active_vmem);
  show('Persistent Memory:', part_info.active_pmem);
  console.log('');

  // Next capacities of 0/0 mean no change is pending.
  const pending =
    (part_info.next_vmem !== 0n || part_info.next_pmem !== 0n) &&
    (part_info.next_vmem !== part_info.active_vmem || part_info.next_pmem !== part_info.active_pmem);
  if (pending) {
    console.log('Next Partition (pending change):');
    show('Volatile Memory:', part_info.next_vmem);
    show('Persistent Memory:', part_info.next_pmem);
    console.log('');
    console.log('Note: A device reset is required to activate the new partition');
  } else {
    console.log('Next Partition: Same as active (no pending changes)');
  }
}

/** Iterates the context's endpoints, safe against closing the current one. */
function* for_each_endpoint_safe(ctx: Context): Generator<Endpoint> {
  let e = cxlmi.cxlmi_first_endpoint(ctx);
  let next = e ? cxlmi.cxlmi_next_endpoint(ctx, e) : null;
  while (e) {
    yield e;
    e = next;
    next = e ? cxlmi.cxlmi_next_endpoint(ctx, e) : null;
  }
}

export async function main(argv: string[]): Promise<number> {
  const ctx = cxlmi.cxlmi_new_ctx(null, cxlmi.LOG_INFO);
  try {
    await openTarget(ctx, argv);
    for (const ep of for_each_endpoint_safe(ctx)) {
      await send_get_partition_info(ep);
      await cxlmi.cxlmi_close(ep);
    }
    return 0;
  } finally {
    await cxlmi.cxlmi_free_ctx(ctx);
  }
}
