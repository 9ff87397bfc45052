/** `cxlmi identify [targets…]`: Identify (0001h) on each target. */
import type { Command } from 'commander';
import { CXLMI_COMPONENT_TYPE_SWITCH, CXLMI_COMPONENT_TYPE_TYPE3 } from '../../protocol/constants.js';
import { hex, keyValues, toJson } from '../output.js';
import type { Action } from '../program.js';

function componentType(t: number | undefined): string {
  if (t === undefined) return 'not reported (CXL 2.0 device)';
  if (t === CXLMI_COMPONENT_TYPE_SWITCH) return `switch (${hex(t, 2)})`;
  if (t === CXLMI_COMPONENT_TYPE_TYPE3) return `Type 3 memory device (${hex(t, 2)})`;
  return hex(t, 2);
}

export function registerIdentify(
  program: Command,
  wrap: (a: Action) => (...args: any[]) => Promise<void>,
): void {
  program
    .command('identify')
    .description('identify each target (vendor, device, serial number, component type)')
    .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID')
    .addHelpText('after', '\nExamples:\n  cxlmi --emulate identify\n  cxlmi identify mem0 --json\n')
    .action(
      wrap(async (run, targets) => {
        const eps = await run.endpoints(targets);
        const results = [];
        for (const ep of eps) results.push({ ep, id: await ep.identify({ tunnel: run.tunnel() }) });
        if (run.opts.json) {
          const rows = results.map((r) => r.id);
          run.out(toJson(rows.length === 1 ? rows[0] : rows));
          return;
        }
        for (const { ep, id } of results) {
          run.out(ep.description);
          run.out(
            keyValues([
              ['  Vendor ID', hex(id.vendor_id, 4)],
              ['  Device ID', hex(id.device_id, 4)],
              ['  Subsystem Vendor ID', hex(id.subsys_vendor_id, 4)],
              ['  Subsystem ID', hex(id.subsys_id, 4)],
              ['  Serial Number', hex(id.serial_num, 16)],
              ['  Max Message Size', `${2 ** id.max_msg_size} bytes (2^${id.max_msg_size})`],
              ['  Component Type', componentType(id.component_type)],
            ]),
          );
        }
      }),
    );
}
