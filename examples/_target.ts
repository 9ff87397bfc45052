/**
 * Shared by the examples: opens what the command line names, as the reference's examples do
 * (a device name → cxlmi_open, nothing → cxlmi_scan_mctp), plus `--emulate` for the built-in
 * emulator and `mctp:NET,EID`.
 */

import type { Context, Endpoint } from 'cxlmi';
import { cxlmi_open, cxlmi_open_mctp, cxlmi_scan_mctp } from 'cxlmi/compat';
import { defaultTopology, emulatorTransport } from 'cxlmi/emulator';

export async function openTarget(ctx: Context, argv: string[]): Promise<Endpoint[]> {
  const arg = argv[0];
  if (arg === '--emulate') {
    const out: Endpoint[] = [];
    for (const spec of defaultTopology()) {
      out.push(
        await ctx.openTransport(
          emulatorTransport(spec.device, { description: `emulator:${spec.name}`, ...spec.link }),
        ),
      );
    }
    return out;
  }
  if (arg === undefined) {
    console.log('Scanning dbus....');
    const n = await cxlmi_scan_mctp(ctx);
    console.log(n === 0 ? 'no endpoints found' : `found ${n} endpoint(s)`);
    return [...ctx.endpoints];
  }
  const mctp = /^mctp:(\d+),(\d+)$/.exec(arg);
  if (mctp) return [await cxlmi_open_mctp(ctx, Number(mctp[1]), Number(mctp[2]))];
  return [await cxlmi_open(ctx, arg)];
}
