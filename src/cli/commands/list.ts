/** `cxlmi list`: the CXL endpoints this machine can reach. */
import type { Command } from 'commander';
import { mapSettled } from '../../endpoint/fleet.js';
import { listMemdevs } from '../../transport/mailbox/index.js';
import { hex, table, toJson } from '../output.js';
import type { Action } from '../program.js';

export function registerList(program: Command, wrap: (a: Action) => (...args: any[]) => Promise<void>): void {
  program
    .command('list')
    .description('list CXL endpoints: kernel memdevs, plus emulated (--emulate) or MCTP (--scan) ones')
    .argument('[targets...]', 'extra targets to include')
    .addHelpText('after', '\nExamples:\n  cxlmi list\n  cxlmi --emulate list --json\n')
    .action(
      wrap(async (run, targets) => {
        const memdevs = await listMemdevs();
        const extra = targets.length > 0 || run.opts.emulate || run.opts.scan;
        const eps = extra ? await run.endpoints(targets) : [];
        const ids = await mapSettled(eps, (ep) => ep.identify());
        const rows = [
          ...memdevs.map((m) => ({
            endpoint: m.path,
            transport: 'mailbox',
            serial: m.serial,
            firmware: m.firmware,
            error: m.error,
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
                }
              : {
                  endpoint: r.item.description,
                  transport: r.item.transport.kind,
                  error: (r.error as Error).message,
                },
          ),
        ];
        if (run.opts.json) {
          run.out(toJson(rows));
          return;
        }
        if (rows.length === 0) {
          run.out('no CXL endpoints found (no /dev/cxl/mem* devices; try --emulate or --scan)');
          return;
        }
        run.out(
          table(
            ['ENDPOINT', 'TRANSPORT', 'SERIAL', 'DETAIL'],
            rows.map((r) => [
              r.endpoint,
              r.transport,
              'serial_num' in r && r.serial_num !== undefined
                ? hex(r.serial_num, 16)
                : 'serial' in r && r.serial
                  ? r.serial
                  : '-',
              r.error
                ? `error: ${r.error}`
                : 'vendor_id' in r && r.vendor_id !== undefined
                  ? `vendor ${hex(r.vendor_id, 4)} device ${hex(r.device_id, 4)}`
                  : 'firmware' in r && r.firmware
                    ? `firmware ${r.firmware}`
                    : '',
            ]),
          ),
        );
      }),
    );
}
