/** `cxlmi identify [targets…]`: Identify (0001h) on each target. */
import type { Command } from 'commander';
import { CXLMI_COMPONENT_TYPE_SWITCH, CXLMI_COMPONENT_TYPE_TYPE3 } from '../../protocol/constants.js';
import { examples } from '../help.js';
import { hex, keyValues } from '../output.js';
import type { Wrap } from '../program.js';
import { perEndpoint } from '../run.js';

function componentType(t: number | undefined): string {
  if (t === undefined) return 'not reported (CXL 2.0 device)';
  if (t === CXLMI_COMPONENT_TYPE_SWITCH) return `switch (${hex(t, 2)})`;
  if (t === CXLMI_COMPONENT_TYPE_TYPE3) return `Type 3 memory device (${hex(t, 2)})`;
  return hex(t, 2);
}

export function registerIdentify(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('identify')
      .description('identify each target (vendor, device, serial number, component type)')
      .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID'),
    'cxlmi --emulate identify',
    'cxlmi identify emu:lab.sock --json',
  ).action(
    wrap(async (run, targets) => {
      await perEndpoint(
        run,
        targets,
        (ep) => ep.identify(run.call()),
        (id) =>
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
    }),
  );
}
