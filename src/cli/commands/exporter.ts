/** `cxlmi exporter`: serve Prometheus metrics for the targets until SIGINT/SIGTERM. */
import type { Command } from 'commander';
import { DEFAULT_LISTEN } from '../../exporter/defaults.js';
import { exampleLines } from '../help.js';
import type { Wrap } from '../program.js';

export function registerExporter(program: Command, wrap: Wrap): void {
  program
    .command('exporter')
    .description('serve Prometheus metrics (health, errors, identity) for every target at /metrics')
    .argument('[targets...]', 'mem0, /dev/cxl/mem0 or mctp:NET,EID (or --emulate / --scan)')
    .option(
      '--listen <host:port>',
      'address to serve on (loopback by default; :PORT for every interface)',
      DEFAULT_LISTEN,
    )
    .option('--interval <ms>', 'how often to poll the devices', '15000')
    .option('--poll-timeout <ms>', "deadline for one endpoint's poll", '5000')
    .option('--concurrency <n>', 'endpoints polled at once', '64')
    .option(
      '--rescan-interval <seconds>',
      'with --scan: ask mctpd again this often for endpoints that came or went (0 = never)',
      '30',
    )
    .addHelpText(
      'after',
      `\nExamples:\n${exampleLines([
        'cxlmi exporter --emulate --listen 127.0.0.1:19864   # until Ctrl-C',
        'cxlmi exporter emu:lab.sock --listen :19865   # until Ctrl-C',
      ])
        .map((l) => `  ${l}`)
        .join('\n')}\n\n` +
        'A named device that cannot be opened is exported as cxl_up 0 and opened again at each poll.\n' +
        'With --scan, mctpd is asked again every --rescan-interval (checked at each poll): a new\n' +
        'endpoint is polled from the next poll on; one mctpd no longer lists is closed and its series\n' +
        'removed at once (mctpd dropping it is a statement that it is gone, unlike a device that stops\n' +
        'answering, which stays as cxl_up 0; alert on a fall of cxl_exporter_scan_endpoints). An EID\n' +
        'that answers with another serial starts fresh series. A failing rescan (mctpd restarting)\n' +
        'keeps the current endpoints, is logged once, counted in cxl_exporter_scan_failures_total,\n' +
        'and tried again next interval.\n',
    )
    .action(wrap(() => import('../actions/exporter.js').then((m) => m.runExporter)));
}
