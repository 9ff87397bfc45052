/** One command end to end through the emulator transport: the whole async stack. */
import type { Bench } from 'tinybench';
import { emulatorTransport } from '../src/emulator/link.js';
import { Type3Device } from '../src/emulator/type3.js';
import { Context } from '../src/endpoint/context.js';
import type { Endpoint } from '../src/endpoint/endpoint.js';

export async function addStackCases(bench: Bench): Promise<() => Promise<void>> {
  const ctx = new Context({ probe: false });
  const ep: Endpoint = await ctx.openTransport(emulatorTransport(new Type3Device()));
  bench.add('stack: identify via emulator', async () => {
    await ep.identify();
  });
  bench.add('stack: set_timestamp via emulator', async () => {
    await ep.setTimestamp({ timestamp: 1n });
  });
  return () => ctx.close();
}
