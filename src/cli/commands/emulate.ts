/**
 * `cxlmi emulate --listen PATH` / `--mctp-serial PATH`: the emulator as a long-running lab device.
 * One process holds the emulated devices (and their state) and serves them until SIGINT or
 * SIGTERM: to any number of cxlmi clients (`emu:PATH`, `emu:PATH#NAME`), and as MCTP-over-serial
 * endpoints (DSP0253) to another MCTP stack (a Linux guest's mctp-serial line discipline, a BMC
 * image, libcxlmi). `--state FILE` keeps a lab across restarts.
 *
 * Each way of serving is a Server built from the same devices (see `servers` below).
 */
import type { Command } from 'commander';
import { examples } from '../help.js';
import type { Wrap } from '../program.js';

export function registerEmulate(program: Command, wrap: Wrap): void {
  examples(
    program
      .command('emulate')
      .description(
        'run the emulator as a lab device: serve its devices to cxlmi clients (emu:PATH) and/or an MCTP stack, until Ctrl-C/SIGTERM',
      )
      .addHelpText(
        'after',
        '\nWith --mctp-serial, attach a QEMU guest with\n' +
          '  -device virtio-serial-pci -chardev socket,id=m0,path=PATH -device virtconsole,chardev=m0\n' +
          'and in the guest: ldattach 28 /dev/hvc0 (N_MCTP), then set mctpserial0 up, add a local EID\n' +
          'and routes to the EIDs listed here. Protocol and state file:\n' +
          'docs/emulator-service.md.\n',
      )
      .argument(
        '[topology]',
        '"fabric" (the built-in fabric) or a topology JSON file; default: one Type 3 device (with only --mctp-serial: a Type 3 device and the built-in fabric)',
      )
      .option('--listen <path>', 'serve the devices on this unix socket (clients: emu:PATH, emu:PATH#NAME)')
      .option(
        '--state <file>',
        'load the lab from this file at start (if it exists) and save it there on exit and on SIGHUP',
      )
      .option(
        '--mctp-serial <path>',
        'serve the devices as MCTP-over-serial (DSP0253) endpoints on this unix socket',
      )
      .option('--eid <n>', 'with --mctp-serial: EID of the first endpoint; the others follow', '9')
      .option('--latency <ms>', 'delay every reply by this long (one command at a time per device)')
      .option(
        '--reset <target>',
        'instead of serving: reset devices of a running service (emu:PATH or emu:PATH#NAME), as a power cycle would',
      ),
    'cxlmi emulate --listen lab.sock   # until Ctrl-C',
    'cxlmi emulate fabric --listen fabric.sock --state fabric-lab.json   # until Ctrl-C',
    'cxlmi emulate --mctp-serial mctp.sock --eid 20   # until Ctrl-C',
    'cxlmi emulate fabric --listen fabric.sock --mctp-serial mctp.sock   # until Ctrl-C',
    'cxlmi list emu:lab.sock',
    'cxlmi emulate --reset emu:lab.sock#type3',
  ).action(wrap(() => import('../actions/emulate.js').then((m) => m.runEmulate)));
}
