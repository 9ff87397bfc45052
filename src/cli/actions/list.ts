/** Implementation of `cxlmi list`: the CXL endpoints this machine can reach. */

import { mapSettled } from '../../endpoint/fleet.js';
import { type CxlMemdevInfo, listCxlDevices } from '../../transport/mailbox/index.js';
import { hex, table } from '../output.js';
import type { Action } from '../program.js';

/** 256 MiB → "256 MiB"; exact bytes when not a whole number of MiB. */
function size(bytes: bigint | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  const mib = 1n << 20n;
  if (bytes === 0n) return '0';
  if (bytes % (1n << 30n) === 0n) return `${bytes >> 30n} GiB`;
  if (bytes % mib === 0n) return `${bytes >> 20n} MiB`;
  return `${bytes} B`;
}

function memdevDetail(m: CxlMemdevInfo): string {
  const parts = [
    m.firmwareVersion ? `firmware ${m.firmwareVersion}` : '',
    m.ramSize !== undefined ? `ram ${size(m.ramSize)}` : '',
    m.pmemSize !== undefined ? `pmem ${size(m.pmemSize)}` : '',
    m.devicePath ? '' : 'no /dev/cxl node',
  ];
  return parts.filter(Boolean).join(', ');
}

export const runList: Action = async (run, targets) => {
  const listing = await listCxlDevices();
  const extra = targets.length > 0 || run.opts.emulate || run.opts.scan;
  const eps = extra ? await run.endpoints(targets) : [];
  const ids = await mapSettled(eps, (ep) => ep.identify());
  const rows = [
    ...listing.memdevs.map((m) => ({
      endpoint: m.devicePath ?? m.name,
      transport: 'mailbox',
      serial: m.serial,
      firmware: m.firmwareVersion,
      ram_size: m.ramSize,
      pmem_size: m.pmemSize,
      payload_max: m.payloadMax,
      label_storage_size: m.labelStorageSize,
      detail: memdevDetail(m),
    })),
    ...listing.otherNodes.map((name) => ({
      endpoint: `/dev/cxl/${name}`,
      transport: 'mailbox',
      detail: 'no entry in /sys/bus/cxl/devices',
    })),
    ...ids.map((r) =>
      r.ok
        ? {
            endpoint: r.item.description,
            transport: r.item.transport.kind,
            vendor_id: r.value.vendor_id,
            device_id: r.value.device_id,
            serial_num: r.value.serial_num,
            component_type: r.value.component_type,
            detail: `vendor ${hex(r.value.vendor_id, 4)} device ${hex(r.value.device_id, 4)}`,
          }
        : {
            endpoint: r.item.description,
            transport: r.item.transport.kind,
            error: (r.error as Error).message,
            detail: `error: ${(r.error as Error).message}`,
          },
    ),
  ];
  if (run.opts.json) {
    run.out(run.json(rows.map(({ detail: _detail, ...row }) => row)));
    return;
  }
  if (rows.length === 0) {
    run.out(
      listing.bus
        ? 'no CXL memory devices on the CXL bus; try --emulate or --scan'
        : 'no CXL devices: this machine has no CXL bus in sysfs (no CXL hardware, or cxl_acpi / cxl_pci not loaded); try --emulate or --scan',
    );
    return;
  }
  run.out(
    table(
      ['ENDPOINT', 'TRANSPORT', 'SERIAL', 'DETAIL'],
      rows.map((r) => {
        const serial = ('serial_num' in r ? r.serial_num : 'serial' in r ? r.serial : undefined) as
          | bigint
          | undefined;
        return [r.endpoint, r.transport, serial !== undefined ? hex(serial, 16) : '-', r.detail];
      }),
    ),
  );
};
