/**
 * `cxlmi emulate --mctp-serial PATH`: serve emulated devices as MCTP-over-serial endpoints
 * (DSP0253) on a unix socket until SIGINT/SIGTERM, so another MCTP stack (a Linux guest's
 * mctp-serial line discipline, a BMC image, libcxlmi) can reach them.
 */
import type { Command } from 'commander';
import { defaultFabric } from '../../emulator/fabric/fabric.js';
import { loadTopology } from '../../emulator/fabric/topology-file.js';
import type { MctpSerialEndpoint } from '../../emulator/mctp/serial-peer.js';
import { serveMctpSerial } from '../../emulator/mctp/serve.js';
import { defaultTopology, type EmulatedEndpointSpec } from '../../emulator/topology.js';
import { CxlmiUsageError } from '../../errors.js';
import type { Action } from '../program.js';

function firstEid(v: unknown): number {
  if (typeof v !== 'string' || !/^(0x[0-9a-f]+|\d+)$/i.test(v) || Number(v) < 1 || Number(v) > 0xfe)
    throw new CxlmiUsageError('--eid takes an EID from 1 to 254');
  return Number(v);
}

/** Endpoint specs → MCTP endpoints with consecutive EIDs: FM-API CCIs on 07h, the rest on 08h. */
export function mctpEndpoints(
  specs: EmulatedEndpointSpec[],
  first: number,
): { eid: number; name: string; endpoint: MctpSerialEndpoint }[] {
  if (first + specs.length - 1 > 0xfe)
    throw new CxlmiUsageError(`${specs.length} endpoints from EID ${first} go past EID 254`);
  return specs.map((s, i) => {
    const eid = first + i;
    const endpoint = s.link?.fmapi ? { eid, fmapi: s.device } : { eid, cci: s.device };
    return { eid, name: s.name, endpoint };
  });
}

export function registerEmulate(
  program: Command,
  wrap: (a: Action) => (...args: any[]) => Promise<void>,
): void {
  program
    .command('emulate')
    .description('serve emulated devices to another MCTP stack over a serial link (until Ctrl-C)')
    .requiredOption('--mctp-serial <path>', 'unix socket to serve MCTP-over-serial (DSP0253) on')
    .option('--eid <n>', 'EID of the first endpoint; the others follow', '9')
    .addHelpText(
      'after',
      "\nWithout --emulate=FILE it serves a Type 3 device, then the default fabric's switch, MLD and\n" +
        'MHD. Attach a QEMU guest with\n' +
        '  -device virtio-serial-pci -chardev socket,id=m0,path=PATH -device virtconsole,chardev=m0\n' +
        'and in the guest: ldattach 28 /dev/hvc0 (N_MCTP), then set mctpserial0 up, add a local EID\n' +
        'and routes to the EIDs listed here (docs/mctp-serial.md).\n\n' +
        'Examples:\n  cxlmi emulate --mctp-serial /run/cxlmi-mctp.sock\n' +
        '  cxlmi --emulate=fabric emulate --mctp-serial ./mctp.sock --eid 20\n',
    )
    .action(
      wrap(async (run, _args, o) => {
        const first = firstEid(o.eid);
        const topology = run.opts.topology as string | undefined;
        const specs = topology
          ? loadTopology(topology)
          : [...defaultTopology(), ...defaultFabric().endpoints()];
        const eps = mctpEndpoints(specs, first);
        const server = await serveMctpSerial({
          path: o.mctpSerial as string,
          devices: eps.map((e) => e.endpoint),
        }).catch((e: Error) => {
          throw new CxlmiUsageError(`cannot serve on ${o.mctpSerial}: ${e.message}`);
        });
        run.out(`cxlmi emulate: MCTP over serial on ${server.path}`);
        for (const e of eps) {
          run.out(
            `  EID ${e.eid}  ${e.name}  message type ${e.endpoint.fmapi ? '07h (FM-API)' : '08h (CCI)'}`,
          );
        }
        await new Promise<void>((resolve) => {
          const stop = () => {
            run.signal.removeEventListener('abort', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          if (run.signal.aborted) return resolve();
          run.signal.addEventListener('abort', stop, { once: true });
          process.once('SIGTERM', stop);
        });
        await server.close();
        run.out('cxlmi emulate: stopped');
      }),
    );
}
